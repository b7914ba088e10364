import { newTextOfReply } from '../mail/inbound-message';
import { type ReadReply, readReply } from './scale';

/**
 * Reads a survey answer from the text of an emailed reply: only what the customer wrote counts,
 * not the quoted survey (whose "5 非常满意 … 1 非常不满意" would otherwise be read) nor the
 * signature. What cannot be read is left for a person.
 */
export const readSurveyReply = (text: string): ReadReply => readReply(newTextOfReply(text));
