import { type ComplaintActor, seesAllDepartments } from '../complaints/access';
import { DEPARTMENT_IDS } from '../organization/departments';

/**
 * Who reads a report, as far as staff members' figures go. The same actor as on complaints: a
 * role and, for staff and supervisors, their department.
 */
export type ReportReader = ComplaintActor;

/** The management mail goes to the recipients admins chose: it is read as an admin's. */
export const MANAGEMENT_READER: ReportReader = {
  subject: 'management-report',
  role: 'admin',
  department: undefined,
};

/**
 * The departments whose staff members' figures the reader may see: every one for admins, their
 * own for supervisors (an agent belongs to the department on their staff record), none for
 * integrator systems — the figures of people are for their managers.
 */
export const agentDepartments = (reader: ReportReader): readonly string[] =>
  reader.role === 'integrator'
    ? []
    : seesAllDepartments(reader)
      ? DEPARTMENT_IDS
      : reader.department
        ? [reader.department]
        : [];
