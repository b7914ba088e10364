import type { Language } from '../../domain/customers/customer';

/** Plain (unescaped) texts of the public survey pages; the pages escape them when rendering. */
export interface SurveyPageTexts {
  surveyTitle: string;
  commentLabel: string;
  submit: string;
  /** Told when the customer already answered and may still change the answer. */
  answeredBefore: (label: string) => string;
  thankYouTitle: string;
  thankYouBody: (label: string) => string;
  /** Forged and unknown links read the same, so a page never tells which one it was. */
  invalidTitle: string;
  invalidBody: string;
  expiredTitle: string;
  expiredBody: string;
  closedTitle: string;
  closedBody: string;
  unsubscribeTitle: string;
  unsubscribeBody: string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedBody: string;
  /** A request the page cannot take (unreadable form, too large) or a failure of ours. */
  errorTitle: string;
  errorBody: string;
  tooManyTitle: string;
  tooManyBody: string;
}

export const SURVEY_PAGE_TEXTS: Record<Language, SurveyPageTexts> = {
  'zh-CN': {
    surveyTitle: '满意度调查',
    commentLabel: '补充意见（选填）',
    submit: '提交',
    answeredBefore: (label) => `您之前的回答是“${label}”。您可以在下方修改您的回答。`,
    thankYouTitle: '感谢您的反馈',
    thankYouBody: (label) => `我们已收到您的评价：“${label}”。`,
    invalidTitle: '此链接无效',
    invalidBody: '请使用最近一封调查邮件中的链接。如需帮助，请直接联系我们。',
    expiredTitle: '此调查链接已过期',
    expiredBody: '感谢您的关注，本次调查的回答期限已过。',
    closedTitle: '此调查已无法修改',
    closedBody: '您之前的回答已保留，感谢您的反馈。',
    unsubscribeTitle: '退订满意度调查',
    unsubscribeBody: '确认后，您将不再收到我们的满意度调查邮件。',
    unsubscribeButton: '确认退订',
    unsubscribedTitle: '您已退订',
    unsubscribedBody: '您将不再收到我们的满意度调查邮件。',
    tooManyTitle: '尝试次数过多',
    tooManyBody: '这台设备打开了太多无效的链接。请过一会儿再试，或直接使用调查邮件中的链接。',
    errorTitle: '抱歉，出了点问题',
    errorBody: '我们暂时无法处理您的请求，请稍后再试，或回到调查邮件重新打开链接。',
  },
  'zh-TW': {
    surveyTitle: '滿意度調查',
    commentLabel: '補充意見（選填）',
    submit: '送出',
    answeredBefore: (label) => `您先前的回答是「${label}」。您可以在下方修改您的回答。`,
    thankYouTitle: '感謝您的回饋',
    thankYouBody: (label) => `我們已收到您的評價：「${label}」。`,
    invalidTitle: '此連結無效',
    invalidBody: '請使用最近一封調查郵件中的連結。如需協助，請直接與我們聯絡。',
    expiredTitle: '此調查連結已過期',
    expiredBody: '感謝您的關注，本次調查的回覆期限已過。',
    closedTitle: '此調查已無法修改',
    closedBody: '您先前的回答已保留，感謝您的回饋。',
    unsubscribeTitle: '取消訂閱滿意度調查',
    unsubscribeBody: '確認後，您將不再收到我們的滿意度調查郵件。',
    unsubscribeButton: '確認取消訂閱',
    unsubscribedTitle: '您已取消訂閱',
    unsubscribedBody: '您將不再收到我們的滿意度調查郵件。',
    tooManyTitle: '嘗試次數過多',
    tooManyBody: '這台裝置開啟了太多無效的連結。請稍後再試，或直接使用調查郵件中的連結。',
    errorTitle: '抱歉，出了點問題',
    errorBody: '我們暫時無法處理您的請求，請稍後再試，或回到調查郵件重新開啟連結。',
  },
  en: {
    surveyTitle: 'Satisfaction survey',
    commentLabel: 'Comment (optional)',
    submit: 'Submit',
    answeredBefore: (label) => `You already answered “${label}”. You can change your answer below.`,
    thankYouTitle: 'Thank you for your feedback',
    thankYouBody: (label) => `We have recorded your answer: “${label}”.`,
    invalidTitle: 'This link is not valid',
    invalidBody:
      'Please use the link in your most recent survey email, or contact us if you need help.',
    expiredTitle: 'This survey link has expired',
    expiredBody: 'Thank you for your interest. The time to answer this survey is over.',
    closedTitle: 'This survey can no longer be changed',
    closedBody: 'Your earlier answer has been kept. Thank you for your feedback.',
    unsubscribeTitle: 'Unsubscribe from satisfaction surveys',
    unsubscribeBody: 'Once you confirm, you will no longer receive satisfaction survey emails.',
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTitle: 'You have been unsubscribed',
    unsubscribedBody: 'You will no longer receive satisfaction survey emails.',
    tooManyTitle: 'Too many attempts',
    tooManyBody:
      'Too many invalid links were opened from here. Please try again later, or use the link in your survey email.',
    errorTitle: 'Sorry, something went wrong',
    errorBody:
      'We could not handle this request. Please try again later, or open the link in the survey email again.',
  },
};
