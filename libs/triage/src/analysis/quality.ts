import { hasPhrase, normalizeText, tokens } from './normalize';

export type QualityResult =
  { ok: true } | { ok: false; reason: 'spam' | 'too_vague'; detail: string };

// Every threshold below leans towards accepting: a real tip thrown away costs far more than a
// spam tip an officer closes in a few seconds.

// Folded phrases typical of ads, loan sharks and casino spam.
const AD_PHRASES = [
  'khuyến mãi',
  'giảm giá',
  'ưu đãi',
  'vay tiền nhanh',
  'vay nhanh',
  'giải ngân',
  'lãi suất thấp',
  'không cần thế chấp',
  'liên hệ zalo',
  'ib zalo',
  'kết bạn zalo',
  'inbox',
  'click',
  'bấm vào link',
  'nhấn vào link',
  'đăng ký ngay',
  'nhận ngay',
  'miễn phí',
  'giá rẻ',
  'cam kết uy tín',
  'hoàn tiền',
  'kiếm tiền online',
  'việc nhẹ lương cao',
  'casino',
  'nhà cái',
  'nổ hũ',
  'tặng code',
  'tặng 100k',
  'buy now',
  'discount',
  'promo',
  'promotion',
  'free',
  'bonus',
  'jackpot',
  'sale',
].map(normalizeText);

// Words people use when reporting a scam or a gambling den rather than advertising one.
const REPORT_CONTEXT = [
  'lừa đảo',
  'bị lừa',
  'chiếm đoạt',
  'tố giác',
  'tố cáo',
  'trình báo',
  'báo công an',
  'công an',
  'cảnh sát',
  'nghi vấn',
  'nghi ngờ',
  'khả nghi',
  'đánh bạc',
  'cá độ',
  'tôi bị',
  'em bị',
  'bị mất',
  'hàng giả',
  'hàng nhái',
  'hàng lậu',
  'buôn lậu',
  'đối tượng',
  'phản ánh',
  'scam',
  'scammed',
  'fraud',
  'police',
  'report',
  'suspect',
  'suspicious',
].map(normalizeText);

const URL =
  /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|net|vn|xyz|top|club|info|biz|io|me|bet|vip)\b/gi;

// Vietnamese syllables (folded): optional onset, 1–3 vowels, optional coda.
const VI_SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;
// Letter pairs that practically never occur in Vietnamese or English but do in keyboard mashing.
const MASH_BIGRAMS = /qw|wq|zx|xz|xc|cx|jh|hj|kj|jk|lk|dfg|sdf|fgh|ghj|vb|bv|qz|zq|fj|jf|qp|pq/;

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

const STOPWORDS = new Set([...VI_STOPWORDS, ...EN_STOPWORDS]);

// Anything that pins down where, when, what or who; comma-separated, matched as whole folded
// words or phrases.
const CONCRETE = [
  // places
  'đường, hẻm, ngõ, kiệt, phường, quận, chợ, nhà, căn hộ, chung cư, trường, công viên, cầu,',
  'bến, bãi xe, quán, cà phê, cafe, karaoke, khách sạn, nhà nghỉ, cửa hàng, tiệm, siêu thị,',
  'bệnh viện, cảng, khu, tòa, góc, ngã tư, ngã ba, phòng trọ, xóm, street, road, alley, ward,',
  'district, market, house, apartment, school, park, bridge, store, shop, hotel, bar',
  // times
  'sáng, trưa, chiều, tối qua, tối nay, đêm, khuya, hôm qua, hôm nay, hôm kia, lúc, giờ, phút,',
  'thứ hai, thứ ba, thứ tư, thứ năm, thứ sáu, thứ bảy, chủ nhật, tuần, tháng, yesterday, today,',
  'tonight, morning, afternoon, evening, night, oclock, ago',
  // objects, actions, people described
  'trộm, cướp, giật, đánh, đâm, chém, giết, lừa, chiếm đoạt, xe, xe máy, ô tô, điện thoại,',
  'tiền, túi, ví, súng, dao, ma túy, heroin, cháy, khói, đốt, bẻ khóa, phá, đập, nổ, cá độ,',
  'đánh bạc, tụ tập, đua xe, hút, chích, mua bán, buôn bán, hành hung, đe dọa, đòi nợ, xâm hại,',
  'bắt cóc, thanh niên, phụ nữ, đàn ông, trẻ em, học sinh, steal, stole, stolen,',
  'rob, robbed, snatch, snatched, fight, fighting, stab, stabbed, shot, gun, knife, drugs, car,',
  'motorbike, bike, phone, wallet, bag, money, fire, smoke, scam, threat, threatened, kidnap,',
  'beat, attack, selling, dealing, woman, women',
]
  .flatMap((line) => line.split(','))
  .map(normalizeText)
  .filter((p) => p !== '');

function reject(reason: 'spam' | 'too_vague', detail: string): QualityResult {
  return { ok: false, reason, detail };
}

function isWordLike(t: string): boolean {
  if (VI_SYLLABLE.test(t)) return true;
  if (!/^[a-z]+$/.test(t) || MASH_BIGRAMS.test(t)) return false;
  // English-ish: has a vowel, no long consonant or vowel runs.
  return /[aeiouy]/.test(t) && !/[^aeiouy]{5,}/.test(t) && !/[aeiou]{4,}/.test(t);
}

function hasConcreteElement(text: string, raw: string): boolean {
  // Digits are house numbers, times, ages, plates or phone numbers: all concrete.
  if (/\p{N}/u.test(raw)) return true;
  return CONCRETE.some((p) => hasPhrase(text, p));
}

/** Conservative screen for spam and for tips too vague to act on. Details never quote the tip. */
export function assessQuality(description: string): QualityResult {
  const raw = description.normalize('NFC');
  const text = normalizeText(raw);
  const words = text === '' ? [] : text.split(' ');
  const informative = words.filter((w) => !STOPWORDS.has(w));
  const concrete = hasConcreteElement(text, raw);

  // Symbol soup: mostly characters that are neither letters nor digits.
  const visible = raw.replace(/\s+/g, '');
  const alnum = (visible.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (visible.length >= 10 && alnum / visible.length < 0.4) {
    return reject('spam', 'The description is mostly symbols.');
  }

  // Advertising: count distinct ad signals; reporting language raises the bar (scam victims
  // quote the ad that fooled them).
  const urls = (raw.match(URL) ?? []).length;
  const adSignals =
    AD_PHRASES.filter((p) => hasPhrase(text, p)).length +
    Math.min(urls, 2) +
    (/[!]{3,}|[💰🎁🔥💥🎰]/u.test(raw) ? 1 : 0);
  const reportsSomething = REPORT_CONTEXT.some((p) => hasPhrase(text, p));
  if (adSignals >= (reportsSomething ? 5 : 2)) {
    return reject('spam', 'The description reads as advertising or promotion.');
  }

  // Stretched characters ("aaaaaa", "!!!!!!") covering a large share of the text.
  const stretched = (visible.match(/(\D)\1{3,}/gu) ?? []).join('').length;
  if (visible.length > 0 && stretched / visible.length >= 0.3) {
    return reject('spam', 'The description is mostly repeated characters.');
  }

  // One word hammered over and over ("alo alo alo alo alo").
  if (words.length >= 5) {
    const counts = new Map<string, number>();
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    const top = Math.max(...counts.values());
    if (
      (top >= 5 && top / words.length >= 0.5) ||
      (words.length >= 10 && counts.size / words.length < 0.25)
    ) {
      return reject('spam', 'The description is mostly repeated words.');
    }
  }

  // Keyboard mashing: most longer letter-only words are neither Vietnamese syllables nor English-like.
  const assessed = words.filter((w) => w.length >= 3 && /^[a-z]+$/.test(w));
  if (assessed.length >= 3) {
    const real = assessed.filter(isWordLike).length;
    if (real / assessed.length < 0.5) {
      return reject('spam', 'The description looks like random characters.');
    }
  }

  // Folding merges some content words into stopwords ('cờ' → 'co', 'ổ' → 'o'), so a text that
  // names something concrete gets by with three informative words; longer texts pass even without
  // a recognised element, because our word lists cannot be complete.
  const tooFewWords = informative.length < 3 || (!concrete && informative.length < 4);
  const nothingConcrete = !concrete && informative.length < 8;

  // Shouting: nearly all capitals and nothing to act on. A short all-caps tip that does name
  // something (older tipsters often type in capitals) is judged like any other.
  const letters = raw.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  if (letters.length >= 8 && upper / letters.length >= 0.8 && (tooFewWords || nothingConcrete)) {
    return reject('spam', 'The description is written in capitals without concrete content.');
  }

  if (tooFewWords) {
    return reject('too_vague', 'The description has too few informative words to act on.');
  }
  if (nothingConcrete) {
    return reject('too_vague', 'The description names no place, time, object or action.');
  }
  return { ok: true };
}
