import { BusinessCalendar, DEFAULT_CALENDAR } from '../../domain/calendar/business-calendar';

/**
 * The business calendar deadlines are counted on. One calendar for now (Asia/Shanghai, Mon–Fri
 * 09:00–18:00, Chinese public holidays); holiday overrides through the API will plug in here.
 */
export const businessCalendar = async (): Promise<BusinessCalendar> =>
  new BusinessCalendar(DEFAULT_CALENDAR);
