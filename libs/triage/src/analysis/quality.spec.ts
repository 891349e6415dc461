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
  'Tôi thấy quảng cáo vay tiền nhanh, liên hệ zalo 0912345678 thì bị đòi phí rồi mất 3 triệu.',
  'Quán nét trên đường Tôn Đản cho trẻ em chơi game bài đổi thưởng đến khuya.',
  'Nhóm cho vay nặng lãi ở hẻm 5 Xóm Chiếu đến tạt sơn nhà tôi tối qua, đòi nợ.',
  'Có người tuyển cộng tác viên online, bắt nạp tiền làm nhiệm vụ, liên hệ số 0903000111.',
  // Folding would turn 'nghỉ' into 'nghi' (suspect) and 'bên' into 'bến' (wharf).
  'Thấy ông Ba hay dẫn người lạ vào nhà cuối hẻm, nghi mua bán ma túy.',
  'someone broke into the shop at 12 Khanh Hoi street last night and stole the cash register',
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

  it.each(SPAM)('rejects spam: %s', (tip) => {
    const r = assessQuality(tip);
    expect(r).toMatchObject({ ok: false, reason: 'spam' });
  });

  it.each(VAGUE)('rejects a vague tip: %s', (tip) => {
    const r = assessQuality(tip);
    expect(r).toMatchObject({ ok: false, reason: 'too_vague' });
  });

  it('names the kind of spam without quoting the tip', () => {
    const tip = 'Vay tiền nhanh không cần thế chấp, giải ngân trong 5 phút';
    const r = assessQuality(tip);
    expect(r).toEqual({
      ok: false,
      reason: 'spam',
      detail: 'The description reads as advertising or promotion.',
    });
  });

  it('rejects short texts with no concrete element but accepts longer ones', () => {
    expect(assessQuality('thanh niên xăm trổ tụ tập')).toEqual({ ok: true });
    expect(assessQuality('mấy ông kia nhìn ghê quá luôn')).toMatchObject({
      ok: false,
      reason: 'too_vague',
      detail: 'The description names no place, time, object or action.',
    });
  });

  it('never puts tip words in the detail', () => {
    for (const tip of [...SPAM, ...VAGUE]) {
      const r = assessQuality(tip);
      if (r.ok) throw new Error('expected a rejection');
      expect(r.detail).toMatch(/^The description [a-z ,]+\.$/);
    }
  });
});
