import { assessQuality } from './quality';

const REAL_TIPS = [
  'Tối qua khoảng 22h có 2 thanh niên đi xe máy giật túi xách của phụ nữ trước số 45 Khánh Hội, Phường 1',
  'Phát hiện nhóm thanh niên cất giấu thuốc nổ và lựu đạn trong căn nhà số 45 Khánh Hội.',
  'Khoảng 21h tối nay có 5 thanh niên cầm mã tấu chém người trước quán nhậu trên đường Vĩnh Khánh.',
  'Phòng trọ hẻm 12 Tôn Đản có người bán ma túy đá về đêm, khách ra vào liên tục.',
  'Xe tải đậu lấn chiếm lòng đường trước chợ Xóm Chiếu vào buổi sáng gây kẹt xe.',
  'Tôi bị lừa qua app vay tiền nhanh, họ bảo liên hệ zalo rồi chiếm đoạt 20 triệu của tôi.',
  'Nhà ở đường Bến Vân Đồn tổ chức cá độ bóng đá qua nhà cái casino online, rất đông người ra vào.',
  'Nghi có đối tượng tàng trữ súng tự chế ở chung cư Khánh Hội',
  'Cháy nhà 12 Tôn Đản',
  'ổ cờ bạc ở Xóm Chiếu',
  'Nghe tiếng nổ lớn',
  'Mua bán hàng giả tại chợ Xóm Chiếu, bán giá rẻ, giảm giá sốc cho khách du lịch',
  'CỨU VỚI CÓ NGƯỜI BỊ ĐÂM Ở 12 TÔN ĐẢN',
  'CÓ TRỘM XE MÁY Ở HẺM NHÀ TÔI',
  'Co nguoi trom xe may truoc nha so 7 duong Vinh Khanh luc 3h sang',
  'A man snatched a phone from a tourist near Khanh Hoi bridge around 9 pm yesterday.',
  'Hàng xóm thường xuyên đánh đập con gái nhỏ, nghe tiếng khóc mỗi đêm huhuuuu',
  'Trang web abc-dautu.com lừa đảo, tôi đã chuyển tiền rồi bị chặn liên lạc.',
  // Quoting an ad or a betting site while reporting it.
  'Quán nét trên đường Tôn Đản cho trẻ em chơi game bài đổi thưởng đến khuya.',
  'Nhóm cho vay nặng lãi ở hẻm 5 Xóm Chiếu đến tạt sơn nhà tôi tối qua, đòi nợ.',
  'Có người tuyển cộng tác viên online, bắt nạp tiền làm nhiệm vụ, liên hệ số 0903000111.',
  // Folding would turn 'nghỉ' into 'nghi' (suspect) and 'bên' into 'bến' (wharf).
  'Thấy ông Ba hay dẫn người lạ vào nhà cuối hẻm, nghi mua bán ma túy.',
  'someone broke into the shop at 12 Khanh Hoi street last night and stole the cash register',
];

// Reports of loans and gambling: they name the crime, so they pass, however much ad wording
// they quote.
const LOAN_AND_GAMBLING_REPORTS = [
  'Nhóm tín dụng đen cho vay nặng lãi ở hẻm 5 Xóm Chiếu, lãi suất 30%/tháng, đòi nợ bằng cách tạt sơn.',
  'Quán cà phê số 12 Tôn Đản tổ chức cá độ bóng đá, nhận kèo qua zalo 0908111222.',
  'Nhà số 7 đường Vĩnh Khánh có tụ điểm đánh bạc, đánh bài ăn tiền, rút tiền nạp tiền qua app.',
  'Thanh niên trong xóm rủ học sinh chơi tài xỉu online, cá cược trên web bet88.vip, đã mất nhiều tiền, nghi là lừa đảo.',
  'tín dụng đen cho vay trả góp ngày góp 50k, ai không trả thì bị đòi nợ thuê đến nhà',
  'Em tôi vay tiền qua app, không trả kịp, bị nhóm đòi nợ gọi điện đe dọa, số 0987654321',
];

// Ad signals in a text that may also be a report: a person decides.
const UNSURE = [
  // A victim quoting the ad, in words that ads use too.
  'Tôi thấy quảng cáo vay tiền nhanh, liên hệ zalo 0912345678 thì bị đòi phí rồi mất 3 triệu.',
  'Vay nhanh không lo bị từ chối, giải ngân trong ngày, liên hệ zalo 0912345678.',
  // Thick with ad wording, but naming a crime.
  'Có đường dây cho vay nặng lãi, vay online giải ngân nhanh rồi khủng bố tinh thần người vay, số zalo 0901234567.',
  'Vay tiền nhanh không cần thế chấp, giải ngân 5 phút, lãi suất thấp, liên hệ zalo 0912345678, toàn lừa đảo',
  // Pupils or a net café in a betting game: a neighbour telling of a den. Job ads name pupils
  // too, so such an ad goes to a person rather than being rejected.
  'Quán net trên đường Tôn Đản cho học sinh chơi nổ hũ, bắn cá đổi thưởng suốt đêm',
  'Tuyển CTV học sinh sinh viên làm tại nhà, thu nhập 300k/ngày, inbox zalo',
];

const SPAM = [
  'KHUYẾN MÃI SỐC!!! Giảm giá 50% tất cả sản phẩm, liên hệ zalo 0901234567 để nhận ngay quà tặng',
  'Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút, click https://vaynhanh.vn',
  'Nhà cái casino uy tín số 1, nổ hũ đổi thưởng, đăng ký ngay tại www.bet88.vip',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'alo alo alo alo alo alo alo',
  'asdkjh qwpeoiru zxcmnb lkjsdf',
  'CÔNG AN LÀM ĂN KIỂU GÌ VẬY',
  '!!!!!!!!!!????????@@@@@@',
  // Ads without any of the words above: loans, job offers, betting, services, links.
  'Hỗ trợ vay vốn tín chấp, giải ngân trong ngày, lãi suất chỉ 1%/tháng. Liên hệ 0987 654 321',
  'Tuyển nhân viên làm tại nhà, thu nhập 500k/ngày, inbox ngay',
  'Soi kèo miễn phí, tỷ lệ cược cao nhất thị trường, vào nhóm t.me/keothom',
  'Bán sim đẹp giá rẻ, giao tận nơi. LH 0933 111 222',
  'Earn money from home, free bonus, click www.earnfast.top',
  // Form tests and mashing.
  'test',
  'alo alo thử gửi xem được không',
  'hello hello hello',
  'rdasc muq fujegk uyx',
  'kvrpex suqf ovl bwpjsxl ipivu',
];

const VAGUE = [
  'có chuyện gì đó ở đây',
  'ở đây có người xấu',
  'help me something bad',
  'something bad is happening here please help',
  'bạn ơi có chuyện lạ lắm',
  'Người lạ đáng ngờ',
  '',
  // An action, but hedged and nowhere.
  'Có chuyện gì đó ở đây, mọi người tụ tập đông lắm.',
  'Bên kia có người la hét, không rõ chuyện gì.',
  'Dạo này thấy không yên tâm, đề nghị kiểm tra.',
];

describe('assessQuality', () => {
  it.each(REAL_TIPS)('accepts a real tip: %s', (tip) => {
    expect(assessQuality(tip)).toEqual({ ok: true });
  });

  it.each(LOAN_AND_GAMBLING_REPORTS)('never rejects a report of loans or gambling: %s', (tip) => {
    expect(assessQuality(tip)).toEqual({ ok: true });
  });

  it.each(UNSURE)('sends a borderline ad-or-report to a person: %s', (tip) => {
    expect(assessQuality(tip)).toMatchObject({
      ok: false,
      reason: 'unsure',
      code: 'unsure_advertising',
    });
  });

  it.each(SPAM)('rejects spam: %s', (tip) => {
    const r = assessQuality(tip);
    expect(r).toMatchObject({ ok: false, reason: 'spam' });
    if (!r.ok) expect(r.code).toMatch(/^spam_/);
  });

  it.each(VAGUE)('finds a vague tip too vague: %s', (tip) => {
    const r = assessQuality(tip);
    expect(r).toMatchObject({ ok: false, reason: 'too_vague' });
    if (!r.ok) expect(r.code).toMatch(/^vague_/);
  });

  it('names the kind of spam by code, without quoting the tip', () => {
    const tip = 'Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút';
    expect(assessQuality(tip)).toEqual({
      ok: false,
      reason: 'spam',
      code: 'spam_advertising',
      detail: 'The description reads as advertising or promotion.',
    });
  });

  it.each([
    ['!!!!!!!!!!????????@@@@@@', 'spam_symbols'],
    [
      'KHUYẾN MÃI SỐC!!! Giảm giá 50%, liên hệ zalo 0901234567 để nhận ngay quà tặng',
      'spam_advertising',
    ],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaa', 'spam_repeated_chars'],
    ['alo alo alo alo alo alo alo', 'spam_repeated_words'],
    ['asdkjh qwpeoiru zxcmnb lkjsdf', 'spam_random'],
    ['test', 'spam_test'],
    ['CÔNG AN LÀM ĂN KIỂU GÌ VẬY', 'spam_shouting'],
    ['Người lạ đáng ngờ', 'vague_few_words'],
    ['mấy ông kia nhìn ghê quá luôn', 'vague_nothing_concrete'],
    ['Có chuyện gì đó ở đây, mọi người tụ tập đông lắm.', 'vague_hedged'],
  ])('codes %s as %s', (tip, code) => {
    expect(assessQuality(tip)).toMatchObject({ ok: false, code });
  });

  it('rejects short texts with no concrete element but accepts longer ones', () => {
    expect(assessQuality('thanh niên xăm trổ tụ tập')).toEqual({ ok: true });
    expect(assessQuality('mấy ông kia nhìn ghê quá luôn')).toMatchObject({
      ok: false,
      reason: 'too_vague',
      code: 'vague_nothing_concrete',
      detail: 'The description names no place, time, object or action.',
    });
  });

  it('counts the address field as a place and occurredAt as a time', () => {
    const occurredAt = new Date('2025-03-10T20:00:00+07:00');
    // Hedged, but the address says where.
    const hedged = 'Có chuyện gì đó ở đây, mọi người tụ tập đông lắm.';
    expect(assessQuality(hedged, undefined, { address: '12 Tôn Đản' })).toEqual({ ok: true });
    expect(assessQuality(hedged, undefined, { occurredAt })).toMatchObject({
      code: 'vague_hedged',
    });
    // Names nothing, but the address or the time anchors it.
    const bare = 'mấy ông kia nhìn ghê quá luôn';
    expect(assessQuality(bare, undefined, { address: '45/3 Khánh Hội, Phường 2' })).toEqual({
      ok: true,
    });
    expect(assessQuality(bare, undefined, { occurredAt })).toEqual({ ok: true });
    // An empty address or an invalid time anchors nothing.
    expect(
      assessQuality(bare, undefined, { address: '  ', occurredAt: new Date('x') }),
    ).toMatchObject({ code: 'vague_nothing_concrete' });
    // Three informative words at least, with or without an address.
    expect(assessQuality('Người lạ', undefined, { address: '12 Tôn Đản' })).toMatchObject({
      code: 'vague_few_words',
    });
    // An address does not make a test message a tip.
    expect(assessQuality('test', undefined, { address: '12 Tôn Đản' })).toMatchObject({
      reason: 'spam',
      code: 'spam_test',
    });
  });

  it('never puts tip words in the detail', () => {
    for (const tip of [...SPAM, ...VAGUE, ...UNSURE]) {
      const r = assessQuality(tip);
      if (r.ok) throw new Error('expected a finding');
      expect(r.detail).toMatch(/^The description [a-z ,]+\.$/);
    }
  });
});
