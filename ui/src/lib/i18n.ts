// Every visible string of the kiosk, in Vietnamese and English.
// Components never hard-code text: they look it up here by key.
// `{name}` marks a value filled in by `translate`.

import type { Language, LocalizedText } from '../generated/types';

/** The kiosk's dictionary: one entry per visible string. */
export const strings = {
  // Shell
  officeFallback: {
    vi: 'Trung tâm phục vụ hành chính công',
    en: 'Public Administrative Service Centre',
  },
  langVi: { vi: 'Tiếng Việt', en: 'Tiếng Việt' },
  languageGroup: { vi: 'Ngôn ngữ', en: 'Language' },
  navigation: { vi: 'Điều hướng', en: 'Navigation' },
  moreBelow: { vi: 'Còn nữa bên dưới — vuốt lên để xem', en: 'More below — swipe up to see' },
  moreAbove: { vi: 'Còn nữa bên trên', en: 'More above' },
  visitorControls: { vi: 'Cách hiển thị', en: 'Display' },
  largerText: { vi: 'Chữ to hơn', en: 'Larger text' },
  textSizeNormal: { vi: 'Cỡ vừa', en: 'Normal' },
  textSizeLarge: { vi: 'Cỡ lớn', en: 'Large' },
  textSizeExtraLarge: { vi: 'Cỡ rất lớn', en: 'Extra large' },
  highContrast: { vi: 'Tương phản cao', en: 'High contrast' },
  switchOn: { vi: 'Đang bật', en: 'On' },
  switchOff: { vi: 'Đang tắt', en: 'Off' },
  readAloud: { vi: 'Đọc to', en: 'Read aloud' },
  repeatSpeech: { vi: 'Nghe lại', en: 'Say again' },
  spokenChoices: { vi: 'Các lựa chọn:', en: 'Choices:' },
  spokenKeyboard: { vi: 'bàn phím để nhập', en: 'a keyboard to type on' },
  spokenMore: { vi: 'và {n} mục khác', en: 'and {n} more' },
  spokenChosen: { vi: 'đang chọn', en: 'chosen' },
  spokenUnavailable: { vi: 'chưa dùng được', en: 'not available yet' },
  spokenTyped: { vi: 'Đã nhập: {text}', en: 'Typed: {text}' },
  spokenNothingTyped: { vi: 'Chưa nhập gì', en: 'Nothing typed yet' },
  spokenVolume: { vi: 'Âm lượng {n} phần trăm', en: 'Volume {n} percent' },
  spokenTop: { vi: 'Quay lại đầu màn hình.', en: 'Back to the top of the screen.' },
  spokenKeypadHelp: {
    vi: 'Hướng dẫn bằng giọng nói. Nhấn mũi tên xuống hoặc lên để nghe từng mục. Nhấn Enter để chọn mục vừa nghe. Trên bàn phím chữ, mũi tên trái phải chuyển từng phím. Nhấn phím trợ giúp hoặc F1 để nghe lại hướng dẫn, phím 5 để nghe lại câu vừa đọc, phím cộng hoặc trừ để chỉnh âm lượng, phím Esc để quay lại.',
    en: 'Spoken guidance. Press the down or up arrow to hear each item. Press Enter to choose the item you heard. On a keyboard, the left and right arrows move key by key. Press the help key or F1 to hear these instructions again, 5 to hear the last words again, plus or minus for the volume, and Escape to go back.',
  },
  ticketSpokenNext: {
    vi: 'Số của bạn là {number}. Không có ai trước bạn: bạn sẽ được gọi ngay.',
    en: 'Your number is {number}. Nobody is ahead of you: you will be called next.',
  },
  ticketSpoken: {
    vi: 'Số của bạn là {number}. Có {ahead} người trước bạn. Thời gian chờ khoảng {minutes} phút.',
    en: 'Your number is {number}. There are {ahead} people ahead of you. The wait is about {minutes} minutes.',
  },
  detailsCode: { vi: 'Mã thủ tục: {code}', en: 'Procedure code: {code}' },
  scrollArea: { vi: 'Vùng cuộn: {name}', en: 'Scroll area: {name}' },
  langEn: { vi: 'English', en: 'English' },
  back: { vi: 'Quay lại', en: 'Back' },
  home: { vi: 'Trang chủ', en: 'Home' },
  done: { vi: 'Xong', en: 'Done' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  offline: {
    vi: 'Mất kết nối với máy chủ. Đang thử lại…',
    en: 'Cannot reach the server. Retrying…',
  },

  // Home
  homeGreeting: { vi: 'Xin chào! Bạn cần làm gì?', en: 'Welcome! What would you like to do?' },
  actionTakeNumber: { vi: 'Lấy số thứ tự', en: 'Take a number' },
  actionCheckDocuments: { vi: 'Kiểm tra hồ sơ', en: 'Check documents' },
  actionAppointment: { vi: 'Lịch hẹn', en: 'Appointment' },
  actionApplyOnline: { vi: 'Nộp trực tuyến', en: 'Apply online' },

  // Choose a service
  chooseField: { vi: 'Chọn lĩnh vực', en: 'Choose a field' },
  chooseService: { vi: 'Chọn thủ tục', en: 'Choose a service' },
  quickNumbers: { vi: 'Thủ tục hay làm', en: 'Most requested' },
  quickNumbersHint: { vi: 'Chạm để lấy số ngay', en: 'Touch one to take a number' },
  orChooseField: { vi: 'Hoặc chọn lĩnh vực', en: 'Or choose a field' },
  searchOpen: { vi: 'Chạm vào đây để tìm theo tên', en: 'Touch here to search by name' },
  searchLabel: { vi: 'Tìm thủ tục', en: 'Search for a service' },
  searchHint: {
    vi: 'Gõ tên thủ tục, ví dụ: khai sinh',
    en: 'Type a few letters of the name, e.g. birth',
  },
  searchNone: {
    vi: 'Không tìm thấy thủ tục nào. Hãy thử từ khác, hoặc quay lại để chọn theo lĩnh vực.',
    en: 'No service found. Try other words, or go back to choose by field.',
  },
  searchResults: { vi: 'Kết quả', en: 'Results' },
  fromCache: {
    vi: 'Danh sách có thể chưa được cập nhật.',
    en: 'This list may not be up to date.',
  },
  haveBooking: { vi: 'Tôi đã có lịch hẹn', en: 'I have a booking' },
  telexHint: {
    vi: 'Gõ dấu kiểu Telex: aa → â, aw → ă, dd → đ; s f r x j → sắc, huyền, hỏi, ngã, nặng',
    en: 'Type a few letters of the name',
  },
  keySpace: { vi: 'Dấu cách', en: 'Space' },
  keyBackspace: { vi: 'Xóa', en: 'Delete' },

  // Take a number
  confirmTicketTitle: { vi: 'Lấy số thứ tự cho thủ tục', en: 'Take a number for' },
  priorityQuestion: {
    vi: 'Bạn có thuộc diện ưu tiên không? (không bắt buộc)',
    en: 'Do you have priority? (optional)',
  },
  priorityNone: { vi: 'Không', en: 'No' },
  priorityElderly: { vi: 'Từ 60 tuổi', en: 'Aged 60 or over' },
  priorityDisabled: { vi: 'Người khuyết tật', en: 'Disability' },
  priorityPregnant: { vi: 'Đang mang thai', en: 'Pregnant' },
  priorityChildUnder6: { vi: 'Có con dưới 6 tuổi', en: 'With a child under 6' },
  confirmTakeNumber: { vi: 'Lấy số', en: 'Get my number' },
  takingNumber: { vi: 'Đang lấy số…', en: 'Getting your number…' },
  ticketOnScreen: { vi: 'Nhận số trên màn hình', en: 'Get my number on screen' },

  // Ticket
  ticketTitle: { vi: 'Số thứ tự của bạn', en: 'Your number' },
  ticketPeopleAhead: { vi: 'Số người trước bạn', en: 'People ahead of you' },
  ticketWait: { vi: 'Thời gian chờ khoảng', en: 'Estimated wait' },
  minutes: { vi: '{n} phút', en: '{n} min' },
  ticketScan: { vi: 'Quét để theo dõi lượt của bạn', en: 'Scan to follow your turn' },
  ticketPrinted: { vi: 'Vé đã in, mời bạn lấy vé', en: 'Your ticket is printed' },
  ticketPrintFailed: {
    vi: 'Máy in gặp sự cố, hãy chụp ảnh hoặc quét mã QR',
    en: 'The printer failed: take a photo or scan the QR code',
  },
  ticketListen: {
    vi: 'Hãy ngồi chờ. Khi đến lượt, số của bạn sẽ được gọi.',
    en: 'Please take a seat. Your number will be called when it is your turn.',
  },

  // Check documents
  documentsTitle: { vi: 'Hồ sơ cần chuẩn bị', en: 'Documents to bring' },
  chooseCase: { vi: 'Trường hợp của bạn là gì?', en: 'Which case is yours?' },
  tickHint: {
    vi: 'Chạm vào từng giấy tờ bạn đã có. Giấy tờ ghi “Chỉ khi cần” chỉ phải mang nếu đúng trường hợp của bạn.',
    en: 'Touch each document you have. One marked “Only if needed” is needed only if its case is yours.',
  },
  onlyIfTag: { vi: 'Chỉ khi cần', en: 'Only if needed' },
  verdictOnlyIf: {
    vi: 'Chỉ mang thêm nếu đúng trường hợp của bạn:',
    en: 'Bring these only if they apply to you:',
  },
  details: { vi: 'Chi tiết', en: 'Details' },
  have: { vi: 'Đã có', en: 'I have this' },
  haveCount: { vi: 'Bạn đã có {n}/{total} giấy tờ', en: 'You have {n} of {total} documents' },
  seeVerdict: { vi: 'Xem kết quả', en: 'See the result' },
  verdictTitle: { vi: 'Kết quả kiểm tra hồ sơ', en: 'Your documents check' },
  nextTitle: { vi: 'Bạn muốn làm gì tiếp?', en: 'What next?' },
  notYet: { vi: 'Chưa có', en: 'Not yet' },
  verdictReady: { vi: 'Bạn đã có đủ giấy tờ', en: 'You have every document' },
  verdictReadyNext: {
    vi: 'Mời bạn lấy số thứ tự để nộp hồ sơ.',
    en: 'Take a number to hand in your file.',
  },
  verdictMissing: { vi: 'Còn thiếu {n} giấy tờ:', en: 'Still missing ({n}):' },
  verdictMissingNext: {
    vi: 'Bạn có thể đặt lịch hẹn để quay lại khi đủ giấy tờ.',
    en: 'You can book a time to come back when you have them.',
  },
  keepOnPhone: {
    vi: 'Quét để lưu danh sách này vào điện thoại',
    en: 'Scan to keep this list on your phone',
  },
  notOnline: { vi: 'Không nộp trực tuyến được', en: 'Not available online' },
  postYes: {
    vi: 'Có thể nhận kết quả qua bưu điện (dịch vụ bưu chính công ích).',
    en: 'The result can be sent to you by post.',
  },
  postNo: {
    vi: 'Phải nhận kết quả trực tiếp tại văn phòng.',
    en: 'The result must be collected in person.',
  },
  postUnknown: {
    vi: 'Hỏi cán bộ nếu bạn muốn nhận kết quả qua bưu điện.',
    en: 'Ask staff if you want the result sent by post.',
  },
  originals: { vi: 'Bản chính: {n}', en: 'Originals: {n}' },
  copies: { vi: 'Bản sao: {n}', en: 'Copies: {n}' },
  form: { vi: 'Mẫu: {name}', en: 'Form: {name}' },
  noInformation: { vi: 'Không có thông tin', en: 'No information' },
  timeAndFee: { vi: 'Thời gian và lệ phí', en: 'Time and fee' },
  channel: { vi: 'Cách nộp', en: 'How' },
  channelDirect: { vi: 'Trực tiếp', en: 'In person' },
  channelOnline: { vi: 'Trực tuyến', en: 'Online' },
  channelPostal: { vi: 'Bưu điện', en: 'By post' },
  processingTime: { vi: 'Thời gian giải quyết', en: 'Processing time' },
  fee: { vi: 'Lệ phí', en: 'Fee' },
  feeVnd: { vi: '{n} đồng', en: '{n} VND' },
  unsureNote: {
    vi: 'Một số thông tin chưa được xác nhận. Hãy hỏi cán bộ tại quầy.',
    en: 'Some details are not confirmed. Please ask staff at the counter.',
  },

  // Apply online
  applyOnlineTitle: { vi: 'Nộp hồ sơ trực tuyến', en: 'Apply online' },
  levelFull: { vi: 'Không cần đến văn phòng', en: 'No visit needed' },
  levelFullDetail: {
    vi: 'Bạn có thể làm toàn bộ thủ tục này trên mạng (dịch vụ công trực tuyến toàn trình).',
    en: 'You can do this whole procedure online.',
  },
  levelFullWhy: {
    vi: 'Nhanh hơn vì không phải đi lại và xếp hàng: nộp hồ sơ và lệ phí lúc nào cũng được, theo dõi hồ sơ trên mạng, nhận kết quả qua bưu điện.',
    en: 'Faster: no trip and no queue. Apply and pay at any time, follow your file online, and get the result by post.',
  },
  levelPartialWhy: {
    vi: 'Bạn nộp hồ sơ trên mạng trước, rồi chỉ cần đến một lần.',
    en: 'Apply online first; then you need to come only once.',
  },
  onlineChannel: { vi: 'Nộp trực tuyến: {time} · {fee}', en: 'Online: {time} · {fee}' },
  portalNational: { vi: 'Cổng Dịch vụ công quốc gia', en: 'National Public Service Portal' },
  portalCity: { vi: 'Cổng Dịch vụ công của thành phố', en: 'The city’s public service portal' },
  levelPartial: {
    vi: 'Nộp trực tuyến được, nhưng vẫn phải đến văn phòng một lần',
    en: 'You can apply online, but must still visit the office once',
  },
  levelPartialDetail: {
    vi: 'Khi đến, hãy mang theo bản chính của:',
    en: 'When you come, bring the originals of:',
  },
  levelNone: {
    vi: 'Thủ tục này phải làm trực tiếp tại văn phòng',
    en: 'This service must be done in person at the office',
  },
  levelNoneDetail: {
    vi: 'Bạn có thể lấy số thứ tự ngay, hoặc đặt lịch hẹn.',
    en: 'You can take a number now, or book an appointment.',
  },
  scanPortal: {
    vi: 'Quét mã bằng điện thoại để mở trang nộp hồ sơ',
    en: 'Scan with your phone to open the application page',
  },
  stepsTitle: { vi: 'Các bước', en: 'Steps' },
  stepLogin: { vi: 'Đăng nhập bằng tài khoản VNeID', en: 'Log in with your VNeID account' },
  stepForm: { vi: 'Điền tờ khai điện tử', en: 'Fill in the e-form' },
  stepPay: { vi: 'Nộp lệ phí trực tuyến', en: 'Pay the fee online' },
  stepPost: {
    vi: 'Chọn nhận kết quả qua bưu điện',
    en: 'Choose to get the result by post',
  },

  // Appointment
  appointmentTitle: { vi: 'Đặt lịch hẹn', en: 'Book an appointment' },
  chooseDay: { vi: 'Chọn ngày', en: 'Choose a day' },
  chooseTime: { vi: 'Chọn giờ', en: 'Choose a time' },
  placesLeft: { vi: 'Còn {n} chỗ', en: '{n} left' },
  slotFull: { vi: 'Hết chỗ', en: 'Full' },
  noSlots: {
    vi: 'Không còn giờ trống trong 7 ngày làm việc tới.',
    en: 'No free times in the next 7 working days.',
  },
  phoneTitle: { vi: 'Nhập số điện thoại của bạn', en: 'Enter your phone number' },
  phoneWhy: {
    vi: 'Văn phòng sẽ gọi cho bạn nếu lịch hẹn thay đổi.',
    en: 'The office will call you if the time changes.',
  },
  confirmBooking: { vi: 'Đặt lịch', en: 'Book this time' },
  booking: { vi: 'Đang đặt lịch…', en: 'Booking…' },
  bookedTitle: { vi: 'Bạn đã đặt lịch hẹn', en: 'Your appointment is booked' },
  bookingCode: { vi: 'Mã lịch hẹn', en: 'Booking code' },
  bookedCheckIn: {
    vi: 'Hãy đến và nhập mã này tại máy từ {from} đến {to}.',
    en: 'Come and enter this code at the kiosk between {from} and {to}.',
  },
  bookedCheckInDay: {
    vi: 'Hãy đến và nhập mã này tại máy từ {from} đến {to}, {date}.',
    en: 'Come and enter this code at the kiosk between {from} and {to} on {date}.',
  },
  bookedKeep: {
    vi: 'Hãy chụp ảnh hoặc ghi lại mã này.',
    en: 'Take a photo of this code or write it down.',
  },
  scanHint: {
    vi: 'Hoặc quét mã đặt lịch trên giấy hẹn hay điện thoại vào máy quét',
    en: 'Or hold the booking QR code from your paper or phone to the scanner',
  },
  cardGreeting: { vi: 'Xin chào {name}', en: 'Hello, {name}' },
  cardBookingsToday: {
    vi: 'Lịch hẹn hôm nay của bạn',
    en: 'Your bookings for today',
  },
  cardNoBookings: {
    vi: 'Hôm nay không có lịch hẹn nào đứng tên này. Lịch đặt chỉ bằng số điện thoại thì hãy nhập mã đặt lịch.',
    en: 'There is no booking under this name today. For a booking made with a phone number only, type its code.',
  },
  cardWindow: { vi: 'Nhận từ {from} đến {to}', en: 'Check-in from {from} to {to}' },
  cardPhoneHint: { vi: 'Số điện thoại {hint}', en: 'Phone {hint}' },
  typeCode: { vi: 'Nhập mã đặt lịch', en: 'Type a booking code' },
  closedTitle: { vi: 'Trung tâm đang ngoài giờ làm việc', en: 'The centre is closed now' },
  closedOpensAt: { vi: 'Mở cửa lại lúc {when}', en: 'Opens again at {when}' },
  closedStillCan: {
    vi: 'Bạn vẫn có thể đặt lịch hẹn, kiểm tra hồ sơ hoặc nộp trực tuyến.',
    en: 'You can still book a time, check your documents or apply online.',
  },
  noticeClose: { vi: 'Đóng', en: 'Close' },
  nameFromCard: { vi: 'Họ tên (từ căn cước)', en: 'Name (from your ID card)' },
  removeName: { vi: 'Bỏ tên', en: 'Remove name' },
  nameScanHint: {
    vi: 'Có căn cước gắn chip? Quét mã QR trên thẻ để ghi tên vào lịch hẹn.',
    en: 'Have a chip ID card? Scan its QR code to add your name to the booking.',
  },
  takeNormalNumber: { vi: 'Lấy số thường', en: 'Take a normal number' },
  checkInTitle: { vi: 'Nhập mã lịch hẹn của bạn', en: 'Enter your booking code' },
  confirmCheckIn: { vi: 'Xác nhận', en: 'Check in' },
  checkingIn: { vi: 'Đang kiểm tra…', en: 'Checking…' },

  // Errors
  retry: { vi: 'Thử lại', en: 'Try again' },
  unreachableHint: {
    vi: 'Bạn hãy thử lại sau ít phút, hoặc hỏi cán bộ tại quầy.',
    en: 'Please try again in a minute, or ask staff at the counter.',
  },
  lobbyFullOffer: {
    vi: 'Bạn có thể đặt lịch hẹn vào một trong các giờ sau:',
    en: 'You can book one of these times instead:',
  },
  seeAllTimes: { vi: 'Xem các giờ khác', en: 'See other times' },
  errorInternal: {
    vi: 'Máy gặp lỗi. Bạn hãy thử lại, hoặc hỏi cán bộ tại quầy.',
    en: 'Something went wrong. Please try again, or ask staff at the counter.',
  },

  // Maintenance (staff only, behind the PIN)
  maintenanceTitle: { vi: 'Bảo trì máy', en: 'Kiosk maintenance' },
  pinPrompt: { vi: 'Nhập mã PIN bảo trì', en: 'Enter the maintenance PIN' },
  pinDigits: { vi: 'Đã nhập {n} chữ số', en: '{n} digits typed' },
  pinUnlock: { vi: 'Mở khóa', en: 'Unlock' },
  pinChecking: { vi: 'Đang kiểm tra…', en: 'Checking…' },
  pinWrong: {
    vi: 'Sai mã PIN. Còn {n} lần thử trước khi bị khóa.',
    en: 'Wrong PIN. {n} more tries before a lockout.',
  },
  pinLockedOut: {
    vi: 'Nhập sai quá nhiều lần. Màn hình bảo trì bị khóa đến {time}.',
    en: 'Too many wrong PINs. Maintenance is locked until {time}.',
  },
  pinNotSet: {
    vi: 'Máy này chưa đặt mã PIN bảo trì (maintenance_pin_hash trong hồ sơ cấu hình), nên không mở được màn hình bảo trì.',
    en: 'This kiosk has no maintenance PIN (maintenance_pin_hash in its profile), so maintenance cannot be opened.',
  },
  maintenanceRelocked: {
    vi: 'Màn hình bảo trì đã tự khóa. Hãy nhập lại mã PIN.',
    en: 'Maintenance locked itself. Enter the PIN again.',
  },
  close: { vi: 'Đóng', en: 'Close' },
  infoApp: { vi: 'Phiên bản ứng dụng', en: 'App version' },
  infoOffice: { vi: 'Văn phòng', en: 'Office' },
  infoCentral: { vi: 'Máy chủ trung tâm', en: 'Central server' },
  infoProfile: { vi: 'Hồ sơ cấu hình', en: 'Profile' },
  infoProfileVersion: { vi: 'Phiên bản hồ sơ', en: 'Profile version' },
  infoProfileLocal: { vi: 'tệp trên máy', en: 'local file' },
  infoPrinter: { vi: 'Máy in', en: 'Printer' },
  printerSummary: {
    vi: '{transport} · khổ {paper} mm · độ đậm {darkness} · cắt {cut}',
    en: '{transport} · {paper} mm paper · darkness {darkness} · {cut} cut',
  },
  cutPartial: { vi: 'một phần', en: 'partial' },
  cutFull: { vi: 'đứt hẳn', en: 'full' },
  testConnection: { vi: 'Kiểm tra kết nối', en: 'Test the connection' },
  testingConnection: { vi: 'Đang kiểm tra kết nối…', en: 'Testing the connection…' },
  printTestPage: { vi: 'In trang thử', en: 'Print a test page' },
  printingTestPage: { vi: 'Đang in…', en: 'Printing…' },
  restart: { vi: 'Khởi động lại', en: 'Restart the kiosk' },
  restarting: { vi: 'Đang khởi động lại…', en: 'Restarting…' },
  recentLog: { vi: 'Nhật ký gần đây (mới nhất ở trên)', en: 'Recent log (newest first)' },
  logEmpty: { vi: 'Chưa có dòng nào.', en: 'No lines yet.' },
  centralReachable: {
    vi: 'Máy chủ trung tâm trả lời trong {ms} ms',
    en: 'The central server answers within {ms} ms',
  },
  centralUnreachable: {
    vi: 'Không kết nối được máy chủ trung tâm',
    en: 'The central server cannot be reached',
  },
  centralOffice: { vi: 'Máy chủ nhận ra văn phòng: {name}', en: 'The central knows the office: {name}' },
  centralNoOffice: {
    vi: 'Máy chủ không nhận ra văn phòng của máy này',
    en: 'The central does not know this kiosk’s office',
  },
  tokenAccepted: { vi: 'Mã truy cập (token) của máy hợp lệ', en: 'The kiosk’s token is accepted' },
  tokenRefused: {
    vi: 'Máy chủ từ chối mã truy cập (token) của máy',
    en: 'The central refuses the kiosk’s token',
  },
  testPagePrinted: { vi: 'Đã in trang thử. Hãy xem tờ giấy.', en: 'Test page printed. Check the paper.' },
  testPageSent: {
    vi: 'Đã gửi trang thử tới máy in. Hãy xem tờ giấy.',
    en: 'Test page sent to the printer. Check the paper.',
  },
  testPageNotPrinted: { vi: 'Không in được trang thử', en: 'The test page did not print' },
  printerReady: { vi: 'Máy in sẵn sàng', en: 'Printer ready' },
  printerPaperNearEnd: {
    vi: 'Sắp hết giấy: hãy thay cuộn giấy sớm',
    en: 'Paper near its end: replace the roll soon',
  },
  printerOutOfPaper: { vi: 'Hết giấy: hãy lắp cuộn giấy mới', en: 'Out of paper: load a new roll' },
  printerCoverOpen: { vi: 'Nắp máy in đang mở: hãy đóng lại', en: 'Cover open: close it' },
  printerOffline: {
    vi: 'Máy in báo lỗi: kiểm tra kẹt giấy hoặc dao cắt',
    en: 'Printer offline: check for a paper jam or cutter error',
  },
  printerNotResponding: {
    vi: 'Máy in không trả lời: kiểm tra nguồn, cáp hoặc địa chỉ mạng',
    en: 'Printer not responding: check its power, cable or network address',
  },
  printerUnknown: {
    vi: 'Không hỏi được trạng thái máy in (CUPS)',
    en: 'The printer’s state cannot be asked (CUPS)',
  },
  printerNone: { vi: 'Hồ sơ cấu hình không có máy in', en: 'The profile sets no printer' },

  // Idle
  idleTitle: { vi: 'Bạn còn ở đó không?', en: 'Are you still there?' },
  idleCountdown: {
    vi: 'Màn hình sẽ trở về trang đầu sau {n} giây.',
    en: 'The screen will go back to the start in {n} seconds.',
  },
  idleStay: { vi: 'Tôi vẫn ở đây', en: "I'm still here" },

  // Dates
  weekday1: { vi: 'Thứ Hai', en: 'Monday' },
  weekday2: { vi: 'Thứ Ba', en: 'Tuesday' },
  weekday3: { vi: 'Thứ Tư', en: 'Wednesday' },
  weekday4: { vi: 'Thứ Năm', en: 'Thursday' },
  weekday5: { vi: 'Thứ Sáu', en: 'Friday' },
  weekday6: { vi: 'Thứ Bảy', en: 'Saturday' },
  weekday7: { vi: 'Chủ Nhật', en: 'Sunday' },
  month1: { vi: 'tháng 1', en: 'January' },
  month2: { vi: 'tháng 2', en: 'February' },
  month3: { vi: 'tháng 3', en: 'March' },
  month4: { vi: 'tháng 4', en: 'April' },
  month5: { vi: 'tháng 5', en: 'May' },
  month6: { vi: 'tháng 6', en: 'June' },
  month7: { vi: 'tháng 7', en: 'July' },
  month8: { vi: 'tháng 8', en: 'August' },
  month9: { vi: 'tháng 9', en: 'September' },
  month10: { vi: 'tháng 10', en: 'October' },
  month11: { vi: 'tháng 11', en: 'November' },
  month12: { vi: 'tháng 12', en: 'December' },
  dayDate: { vi: '{weekday}, {day}/{month}', en: '{weekday} {day} {monthName}' },
  fullDate: { vi: '{weekday}, {day}/{month}/{year}', en: '{weekday} {day} {monthName} {year}' },
  dateTime: { vi: '{time}, {date}', en: '{time}, {date}' },
} as const satisfies Record<string, LocalizedText>;

/** Key of a string in the dictionary. */
export type StringKey = keyof typeof strings;

/** Values that fill `{name}` placeholders. */
export type Params = Record<string, string | number>;

/** The string `key` in `lang`, with its placeholders filled from `params`. */
export function translate(key: StringKey, lang: Language, params?: Params): string {
  return fill(strings[key][lang], params);
}

/** The text in `lang` of a bilingual value that came from the kiosk. */
export function pick(text: LocalizedText, lang: Language): string {
  return text[lang];
}

/** The language that is not `lang`: shown small under main labels. */
export function otherLanguage(lang: Language): Language {
  return lang === 'vi' ? 'en' : 'vi';
}

function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
