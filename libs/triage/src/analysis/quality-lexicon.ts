import { tokens } from './normalize';
import { phraseList } from './phrase-match';

// Word lists behind assessQuality. Phrases are written with their marks and matched with
// `mentions` (exact where the tipster used marks, folded where they typed without). Each entry
// counts once, so an entry should not contain another one ('zalo', not also 'liên hệ zalo').

/** Ads, grouped by what they sell; any mix of two is a strong sign of advertising. */
export const AD_PHRASES = phraseList(
  // promotions and sales talk
  'khuyến mãi, giảm giá, ưu đãi, quà tặng, tặng code, nhận code, giá rẻ, giá sốc, giao tận nơi,',
  'freeship, toàn quốc, uy tín, hoàn tiền, miễn phí, siêu tốc, đăng ký ngay, nhận ngay, mua ngay,',
  'số lượng có hạn, duy nhất hôm nay, buy now, discount, promo, promotion, free, bonus, sale,',
  // loans
  'vay nhanh, vay tiền nhanh, cho vay, vay tín chấp, vay online, giải ngân, lãi suất, trả góp,',
  'thế chấp, thẩm định, duyệt hồ sơ, nợ xấu, chỉ cần cccd, chỉ cần cmnd, loan,',
  // jobs that pay for clicks
  'cộng tác viên, tuyển ctv, việc nhẹ lương cao, làm tại nhà, không cần kinh nghiệm,',
  'thu nhập hấp dẫn, kiếm tiền, thả tim, earn money,',
  // betting and casinos
  'casino, nhà cái, nổ hũ, bắn cá, đổi thưởng, kèo, cá cược, nạp lần đầu, rút tiền, game bài,',
  'tài xỉu, xóc đĩa online, bóng đá trực tiếp, jackpot, betting,',
  // other services
  'sim số đẹp, tứ quý, làm bằng, nhận hồ sơ, nhận làm, dịch vụ trọn gói,',
  // calls to action
  'zalo, inbox, ib, click, link, truy cập, hotline, nhắn tin ngay, gọi ngay',
);

/**
 * Words of someone reporting a scam, an ad, a loan shark or a gambling den rather than
 * advertising one: crimes named as crimes, victims, the police. Ads do not call themselves
 * 'tín dụng đen' or 'lừa đảo'.
 */
export const REPORT_CONTEXT = phraseList(
  'lừa, lừa đảo, bị lừa, chiếm đoạt, tố giác, tố cáo, trình báo, báo tin, báo công an, công an,',
  'cảnh sát, nghi, nghi vấn, nghi ngờ, khả nghi, đánh bạc, cá độ, hàng lậu, buôn lậu, đối tượng,',
  'phản ánh, mạo danh, giả danh, tín dụng đen, cho vay nặng lãi, vay nặng lãi, nặng lãi, đòi nợ,',
  'đòi nợ thuê, xiết nợ, siết nợ, khủng bố, tạt sơn, ném mắm tôm, sòng bạc, sòng bài, cờ bạc,',
  'ghi đề, số đề, lô đề, đánh bài, ăn tiền, tụ điểm, hàng giả, hàng nhái, scam, scammed, fraud,',
  'police, suspect, suspicious, loan shark, illegal, counterfeit',
);

/**
 * Words that appear in reports, but in ads too ('không lo bị từ chối', 'không mất phí'): with
 * enough ad signals a person decides. A betting game where pupils or minors play, or a net café
 * running one, is how a neighbour reports a den; job ads name pupils too ('tuyển CTV học sinh').
 */
export const WEAK_REPORT_CONTEXT = phraseList(
  'bị, mất, đăng tin, quảng cáo, chuyển tiền, report, học sinh, vị thành niên, quán net,',
  'tiệm net, quán internet, tiệm internet, phòng net, net café, internet café, pupils, minors',
);

/** Where or when: what lets an officer go and look. Digits and proper names count too. */
export const ANCHORS = phraseList(
  // places
  'đường, hẻm, ngõ, kiệt, phường, quận, chợ, nhà, căn hộ, chung cư, trường, công viên, cầu,',
  'bến, bãi xe, quán, cà phê, cafe, karaoke, khách sạn, nhà nghỉ, cửa hàng, tiệm, siêu thị,',
  'bệnh viện, cảng, khu, tòa, góc, ngã tư, ngã ba, phòng trọ, xóm, street, road, alley, ward,',
  'district, market, house, apartment, school, park, bridge, store, shop, hotel, bar,',
  // times
  'sáng, trưa, chiều, tối qua, tối nay, đêm, khuya, hôm qua, hôm nay, hôm kia, lúc, giờ, phút,',
  'thứ hai, thứ ba, thứ tư, thứ năm, thứ sáu, thứ bảy, chủ nhật, tuần, tháng, yesterday, today,',
  'tonight, morning, afternoon, evening, night, oclock, ago',
);

/** What happened, with what, to whom: concrete, but not enough to find the scene. */
export const DESCRIPTORS = phraseList(
  'trộm, cướp, giật, đánh, đâm, chém, giết, lừa, chiếm đoạt, xe, xe máy, ô tô, điện thoại,',
  'tiền, túi, ví, súng, dao, ma túy, heroin, cháy, khói, đốt, bẻ khóa, phá, đập, nổ, cá độ,',
  'đánh bạc, tụ tập, đua xe, hút, chích, mua bán, buôn bán, hành hung, đe dọa, đòi nợ, xâm hại,',
  'bắt cóc, thanh niên, phụ nữ, đàn ông, trẻ em, học sinh, steal, stole, stolen,',
  'rob, robbed, snatch, snatched, fight, fighting, stab, stabbed, shot, gun, knife, drugs, car,',
  'motorbike, bike, phone, wallet, bag, money, fire, smoke, scam, threat, threatened, kidnap,',
  'beat, attack, selling, dealing, woman, women',
);

/** Indefinite, hearsay or deictic wording: harmless next to an address, telling without one. */
export const HEDGES = phraseList(
  'gì đó, ai đó, đâu đó, cái gì, chuyện gì, vụ gì, không rõ, không biết, hình như, nghe nói,',
  'có vẻ, dạo này, ở đây, bên kia, đằng kia, chỗ này, chỗ kia, something, someone, somewhere,',
  'not sure, dont know',
);

/** Words of someone checking that the form works. */
export const TEST_WORDS = phraseList(
  'test, testing, thử, gửi thử, alo, hello, hi, chào, xin chào, ok, okay, abc, xyz, 123',
);

// Stopwords are matched after folding, so words whose folded form is also a content word are
// left out: bạn/bán ('ban'), nó/nổ ('no'), vì/ví ('vi'), vậy/vay ('vay'), chúng/chung cư ('chung'),
// nhờ/nhỏ ('nho'); likewise English 'no', 'to', 'an', 'be', 'me', 'can', 'so', 'on', 'in', 'he', 'my'.
// Space-separated; multi-word entries like 'gì đó' simply add each word.
const VI_STOPWORDS = tokens(
  'ở đây đó kia này có chuyện gì là của và thì mà những các một nhiều ít rất quá lắm rồi đã ' +
    'đang sẽ được bị với tại tôi em anh chị mình họ ta ơi à nhé thế nào sao không chưa cũng về từ ' +
    'đến người ai điều việc giùm giúp xin làm ơn hãy cần xấu lạ gì đó hình như thấy biết nghe nói ' +
    'ạ vẫn còn luôn hay hoặc nên nếu khi lúc nào ấy đi ra vào lên xuống cho tình hình vấn đề',
);

const EN_STOPWORDS = tokens(
  'i we you she they it its a the is are was were been am there here this that some something ' +
    'someone somebody thing things stuff bad weird strange happening happened going at of for and ' +
    'or but please help hello very just do does did have has had what who why how not yes could ' +
    'would should will with about guy guys people person think know see saw maybe really now',
);

export const STOPWORDS: ReadonlySet<string> = new Set([...VI_STOPWORDS, ...EN_STOPWORDS]);
