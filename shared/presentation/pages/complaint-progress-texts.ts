import type { CustomerStatus, ProgressStepKind } from '../../domain/complaints/progress';
import type { Language } from '../../domain/customers/customer';

/** Plain (unescaped) texts of the customer's complaint pages; the pages escape them. */
export interface ProgressPageTexts {
  title: string;
  number: string;
  subject: string;
  status: string;
  statusWords: Record<CustomerStatus, string>;
  promisedBy: string;
  resultHeading: string;
  question: string;
  solved: string;
  notSolved: string;
  wordsLabel: string;
  send: string;
  historyHeading: string;
  steps: Record<ProgressStepKind, string>;
  messageHeading: string;
  messageLabel: string;
  messageHint: string;
  messageSent: string;
  messageEmpty: string;
  pickAnswer: string;
  closedTitle: string;
  closedBody: string;
  reopenedTitle: string;
  reopenedBody: string;
  staleTitle: string;
  staleBody: string;
  windowPassedTitle: string;
  windowPassedBody: string;
  backToProgress: string;
}

export const PROGRESS_PAGE_TEXTS: Record<Language, ProgressPageTexts> = {
  'zh-CN': {
    title: '投诉处理进度',
    number: '投诉编号',
    subject: '投诉内容',
    status: '当前状态',
    statusWords: {
      received: '已受理，正在分派给负责部门',
      in_hand: '已有专人负责，正在处理',
      waiting_on_you: '等待您的回复',
      resolved: '已处理，请您确认问题是否解决',
      closed: '已结案',
      reopened: '已重新打开，正在继续处理',
    },
    promisedBy: '我们承诺的答复时间',
    resultHeading: '处理结果',
    question: '问题解决了吗？',
    solved: '已解决',
    notSolved: '未解决',
    wordsLabel: '想补充的话（选填）',
    send: '提交',
    historyHeading: '处理记录',
    steps: {
      filed: '投诉已受理',
      assigned: '已交由专人负责',
      reply: '我们的答复',
      customer_message: '您的留言',
      resolved: '处理结果',
      closed: '已结案',
      reopened: '已重新打开',
    },
    messageHeading: '给我们留言',
    messageLabel: '留言内容',
    messageHint: '负责人会收到您的留言并尽快回复。',
    messageSent: '您的留言已收到，负责人会尽快回复您。',
    messageEmpty: '请先写下留言内容再发送。',
    pickAnswer: '请选择“已解决”或“未解决”后再提交。',
    closedTitle: '感谢您的确认',
    closedBody: '您的投诉已结案。稍后我们可能会请您评价这次服务。',
    reopenedTitle: '我们会继续处理',
    reopenedBody: '您的投诉已重新打开，负责人会尽快与您联系，直至问题解决。',
    staleTitle: '处理结果已更新',
    staleBody: '您回答的是较早的处理结果，投诉的状态已经变化。请查看最新的处理进度。',
    windowPassedTitle: '已无法重新打开',
    windowPassedBody:
      '这起投诉结案已超过重新处理的期限。请回复邮件或提交一起新的投诉，我们会尽快处理。',
    backToProgress: '查看处理进度',
  },
  'zh-TW': {
    title: '投訴處理進度',
    number: '投訴編號',
    subject: '投訴內容',
    status: '目前狀態',
    statusWords: {
      received: '已受理，正在分派給負責部門',
      in_hand: '已有專人負責，正在處理',
      waiting_on_you: '等待您的回覆',
      resolved: '已處理，請您確認問題是否解決',
      closed: '已結案',
      reopened: '已重新開啟，正在繼續處理',
    },
    promisedBy: '我們承諾的答覆時間',
    resultHeading: '處理結果',
    question: '問題解決了嗎？',
    solved: '已解決',
    notSolved: '未解決',
    wordsLabel: '想補充的話（選填）',
    send: '送出',
    historyHeading: '處理紀錄',
    steps: {
      filed: '投訴已受理',
      assigned: '已交由專人負責',
      reply: '我們的答覆',
      customer_message: '您的留言',
      resolved: '處理結果',
      closed: '已結案',
      reopened: '已重新開啟',
    },
    messageHeading: '給我們留言',
    messageLabel: '留言內容',
    messageHint: '負責人會收到您的留言並盡快回覆。',
    messageSent: '您的留言已收到，負責人會盡快回覆您。',
    messageEmpty: '請先寫下留言內容再送出。',
    pickAnswer: '請選擇「已解決」或「未解決」後再送出。',
    closedTitle: '感謝您的確認',
    closedBody: '您的投訴已結案。稍後我們可能會請您評價這次服務。',
    reopenedTitle: '我們會繼續處理',
    reopenedBody: '您的投訴已重新開啟，負責人會盡快與您聯繫，直至問題解決。',
    staleTitle: '處理結果已更新',
    staleBody: '您回答的是較早的處理結果，投訴的狀態已經變化。請查看最新的處理進度。',
    windowPassedTitle: '已無法重新開啟',
    windowPassedBody:
      '這起投訴結案已超過重新處理的期限。請回覆郵件或提交一起新的投訴，我們會盡快處理。',
    backToProgress: '查看處理進度',
  },
  en: {
    title: 'Your complaint',
    number: 'Complaint number',
    subject: 'About',
    status: 'Status',
    statusWords: {
      received: 'Received; on its way to the department responsible',
      in_hand: 'A member of our team is working on it',
      waiting_on_you: 'Waiting for your reply',
      resolved: 'Handled: please tell us whether your problem is solved',
      closed: 'Closed',
      reopened: 'Reopened; we are working on it again',
    },
    promisedBy: 'You will hear from us by',
    resultHeading: 'What we did',
    question: 'Is your problem solved?',
    solved: 'Solved',
    notSolved: 'Not solved',
    wordsLabel: 'Anything to add (optional)',
    send: 'Send',
    historyHeading: 'History',
    steps: {
      filed: 'Complaint received',
      assigned: 'A member of our team took it on',
      reply: 'Our reply',
      customer_message: 'Your message',
      resolved: 'What we did',
      closed: 'Closed',
      reopened: 'Reopened',
    },
    messageHeading: 'Write to us',
    messageLabel: 'Your message',
    messageHint: 'The person handling your complaint will see it and reply soon.',
    messageSent: 'Thank you: we have your message and will reply soon.',
    messageEmpty: 'Please write your message before sending it.',
    pickAnswer: 'Please choose "Solved" or "Not solved" before sending.',
    closedTitle: 'Thank you for confirming',
    closedBody:
      'Your complaint is closed. We may ask you later how satisfied you were with our service.',
    reopenedTitle: 'We will keep working on it',
    reopenedBody:
      'Your complaint has been reopened; the person handling it will contact you until it is solved.',
    staleTitle: 'The result has changed',
    staleBody:
      'You answered an earlier result, and the complaint has moved on since. Please look at its latest progress.',
    windowPassedTitle: 'This complaint can no longer be reopened',
    windowPassedBody:
      'It was closed longer ago than complaints can be reopened. Please reply to our email or file a new complaint, and we will take it up at once.',
    backToProgress: 'See the progress of your complaint',
  },
};
