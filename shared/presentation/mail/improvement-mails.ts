import type { Mail } from './complaint-mails';
import { htmlMail } from '../html';

export interface ActionAlert {
  actionId: string;
  title: string;
  dueAt: string;
  ownerName: string;
}

const when = (instant: string) => `${instant.slice(0, 16).replace('T', ' ')} UTC`;

const mail = (subject: string, paragraphs: string[]): Mail => ({
  subject,
  text: paragraphs.join('\n\n'),
  html: htmlMail('zh-CN', paragraphs),
});

/** To the owner, once, 80 % of the way to the due date (bilingual, like other staff mail). */
export const actionDeadlineNearMail = (alert: ActionAlert): Mail =>
  mail(`改进措施即将到期 / Improvement action due ${when(alert.dueAt)}: ${alert.title}`, [
    `${alert.ownerName}：`,
    `改进措施「${alert.title}」将于 ${when(alert.dueAt)} 到期，请按计划完成并标记完成。`,
    `The improvement action "${alert.title}" is due by ${when(alert.dueAt)}; complete it and mark it done (POST /improvement-actions/${alert.actionId}/status).`,
  ]);

/** To the department's supervisor, once: the action passed its due date unfinished. */
export const actionOverdueMail = (supervisorName: string, alert: ActionAlert): Mail =>
  mail(`改进措施逾期 / Improvement action overdue: ${alert.title}`, [
    `${supervisorName}：`,
    `改进措施「${alert.title}」（责任人 owner ${alert.ownerName}）已于 ${when(alert.dueAt)} 逾期未完成。`,
    `The improvement action "${alert.title}" (owner: ${alert.ownerName}) passed its due date, ${when(alert.dueAt)}, unfinished.`,
    `/improvement-actions/${alert.actionId}`,
  ]);

const CHECKPOINT_TASKS: Record<string, string> = {
  immediate: '培训满意度调查与知识测试 / satisfaction survey and knowledge test',
  'one-month': '技能测试与绩效考核 / skill test and performance review',
  'three-months': '绩效跟踪评估 / performance tracking',
};

/** To the checkpoint's holder, once, when it falls due (seed 002 §1.1.43 评估周期). */
export const trainingCheckpointMail = (
  holderName: string,
  training: { id: string; topic: string },
  checkpoint: string,
): Mail =>
  mail(`培训评估待办 / Training evaluation due: ${training.topic}`, [
    `${holderName}：`,
    `培训「${training.topic}」的${CHECKPOINT_TASKS[checkpoint] ?? checkpoint}已到期，请为每位学员记录结果。`,
    `The ${checkpoint} evaluation of the training "${training.topic}" is due: record each attendee's result (POST /trainings/${training.id}/results).`,
  ]);
