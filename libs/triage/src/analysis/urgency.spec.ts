import { assessUrgency, URGENT_SIGNALS, type UrgentSignal } from './urgency';
import { normalizeText } from './normalize';

// Written the way people write to a tip line at a bad moment: short, often without marks, with
// typos, capitals and English mixed in. Each names a threat to life or safety going on now.
const URGENT: [string, UrgentSignal][] = [
  // The examples.
  ['Có người cầm súng ở đây, mau đến', 'weapon_in_use'],
  ['Con tôi bị bắt cóc', 'kidnapping'],
  ['Có người tự tử trên cầu', 'suicide'],
  ['Tôi bị đánh', 'violence_in_progress'],
  ['co nguoi cam sung o day', 'weapon_in_use'],
  ['con toi bi bat coc roi', 'kidnapping'],
  ['co nguoi tu tu tren cau Khanh Hoi', 'suicide'],
  ['toi bi danh', 'violence_in_progress'],
  // Fire.
  ['cháy nhà', 'fire'],
  ['chay nha', 'fire'],
  ['đang cháy', 'fire'],
  ['dang chay', 'fire'],
  ['Cháy!! 45 Tôn Đản', 'fire'],
  ['Cháy nha kho gan cho', 'fire'],
  ['cuu voi, nha em dang chay', 'fire'],
  ['nha hang xom chay lon lam', 'fire'],
  ['nhà bên cạnh bốc khói đen', 'fire'],
  ['house on fire', 'fire'],
  ['fire at Xom Chieu market!!', 'fire'],
  // Trapped or badly hurt.
  ['có người bị kẹt trong đám cháy', 'trapped_or_hurt'],
  ['co nguoi bi ket trong dam chay', 'trapped_or_hurt'],
  ['khói mù mịt, có người kẹt trên lầu', 'trapped_or_hurt'],
  ['người bị thương nặng', 'trapped_or_hurt'],
  ['nguoi bi thuong nang lam', 'trapped_or_hurt'],
  ['có người ngất xỉu giữa đường', 'trapped_or_hurt'],
  ['người đàn ông nằm bất động, đầy máu', 'trapped_or_hurt'],
  ['có người bị điện giật', 'trapped_or_hurt'],
  ['có người rơi xuống sông, không biết bơi', 'trapped_or_hurt'],
  ['người bị xe tông, chảy máu đầu, bất tỉnh', 'trapped_or_hurt'],
  ['someone is drowning near the bridge', 'trapped_or_hurt'],
  ['a woman is screaming for help', 'trapped_or_hurt'],
  ['trẻ em bị nhốt trong xe ô tô ngoài nắng', 'trapped_or_hurt'],
  ['someone collapsed and is not breathing', 'trapped_or_hurt'],
  ['CỨU VỚI CÓ NGƯỜI BỊ ĐÂM', 'trapped_or_hurt'],
  // A missing or endangered child.
  ['bé 5 tuổi đi lạc', 'missing_child'],
  ['be 5 tuoi di lac o cho', 'missing_child'],
  ['bé 5 tuổi mất tích từ chiều', 'missing_child'],
  ['bé trai 3 tuổi không thấy về', 'missing_child'],
  ['con gái tôi chưa về nhà từ tối qua', 'missing_child'],
  ['con nít đi lạc khóc ở chợ', 'missing_child'],
  ['em bé bị bỏ rơi trước cổng chùa', 'missing_child'],
  ['my son is missing', 'missing_child'],
  ['my daughter didnt come home', 'missing_child'],
  ['help my kid is lost at the mall', 'missing_child'],
  ['Hôm qua con tôi bị dụ đi mất, giờ vẫn chưa về', 'missing_child'],
  // Kidnapping.
  ['they kidnapped my daughter', 'kidnapping'],
  ['he took my son, a white car', 'kidnapping'],
  ['bọn nó lôi cô gái lên xe chạy mất', 'kidnapping'],
  ['có người bị bắt làm con tin trong tiệm vàng', 'kidnapping'],
  ['Hôm qua con tôi bị dụ đi mất, giờ vẫn chưa về', 'kidnapping'],
  ['bé gái bị người lạ dụ đi', 'kidnapping'],
  ['có người đàn ông lạ bế bé đi', 'kidnapping'],
  // Suicide.
  ['nó dọa nhảy lầu', 'suicide'],
  ['no doa nhay lau', 'suicide'],
  ['he is going to jump', 'suicide'],
  ['nó đang đứng trên lan can tầng 5', 'suicide'],
  ['bạn tôi uống thuốc ngủ tự tử', 'suicide'],
  ['có người tự tữ', 'suicide'],
  ['Có người nhảy cầu Calmette', 'suicide'],
  ['my neighbour is suicidal and on the roof', 'suicide'],
  ['hôm qua nó dọa tự tử, giờ không liên lạc được', 'suicide'],
  ['anh ấy nói muốn chết', 'suicide'],
  ['ban toi doa tu sat', 'suicide'],
  // Violence going on.
  ['đang đánh nhau có dao', 'violence_in_progress'],
  ['dang danh nhau co dao', 'violence_in_progress'],
  ['bị đâm chảy máu nhiều', 'violence_in_progress'],
  ['bi dam chay mau nhieu', 'trapped_or_hurt'],
  ['CỨU VỚI CÓ NGƯỜI BỊ ĐÂM', 'violence_in_progress'],
  ['chong toi dang danh toi', 'violence_in_progress'],
  ['ba thằng đang đánh hội đồng 1 thằng', 'violence_in_progress'],
  ['chồng chị ấy bóp cổ chị ấy', 'violence_in_progress'],
  ['đang có đánh nhau to ở quán nhậu, có người bị chém', 'violence_in_progress'],
  ['they are stabbing', 'violence_in_progress'],
  ['help he is beating her', 'violence_in_progress'],
  // A weapon used or shown.
  ['đang đánh nhau có dao', 'weapon_in_use'],
  ['nó có dao, mau lên', 'weapon_in_use'],
  ['thằng chồng đang cầm dao đòi giết vợ', 'weapon_in_use'],
  ['có thằng rút dao dọa chém', 'weapon_in_use'],
  ['co thang cam ma tau chem nguoi o hem 5', 'weapon_in_use'],
  ['CO NGUOI CAM SUNG', 'weapon_in_use'],
  ['hắn tạt axit vào người vợ', 'weapon_in_use'],
  ['someone has a gun', 'weapon_in_use'],
  ['man with a knife in front of my house', 'weapon_in_use'],
  ['pls help someone has a knife at the bus stop', 'weapon_in_use'],
  ['shots fired at 12 Ton Dan', 'weapon_in_use'],
  ['bị cướp, nó có dao', 'weapon_in_use'],
  ['nghe tieng sung no', 'weapon_in_use'],
  ['co ke cuop dang cam dao trong tiem vang', 'weapon_in_use'],
  ['tuần trước nó đánh tôi, bây giờ nó lại đang cầm dao đứng trước nhà', 'weapon_in_use'],
  // Explosives.
  ['có bom', 'explosive'],
  ['co bom o cho Xom Chieu', 'explosive'],
  ['Nghe tiếng nổ lớn', 'explosive'],
  ['there is a bomb in the market', 'explosive'],
  ['Có vật lạ nghi là lựu đạn ở gốc cây', 'explosive'],
];

// Not a threat to life going on now: past, hearsay, another meaning of the same words, fiction,
// trade and gambling, weapons handed in, or plainly denied.
const NOT_URGENT: string[] = [
  // Past and hearsay.
  'tuần trước bị mất xe',
  'tối qua có người bị đâm ở quán nhậu',
  'hôm qua tôi bị đánh ở chợ',
  'nghe nói có người cầm súng ở xóm trên',
  'người ta đồn nhà đó có súng',
  'năm ngoái ở đây có người tự tử',
  'last week someone stole my bike',
  'I heard there was a fight here last month',
  'Ngày 12/3/2025 có người cầm dao cướp tiệm điện thoại số 5 Tôn Đản',
  'video clip đánh nhau trên mạng tuần trước',
  // Other meanings of the same words.
  'shop cháy hàng rồi, hẹn tuần sau',
  'áo này cháy hàng',
  'quán này đánh giá 5 sao',
  'con tôi bị đánh giá thấp ở lớp',
  'nó suốt ngày chém gió',
  'tiệm bán bật lửa giả',
  'bị đánh cắp xe máy',
  'đánh rơi ví ở chợ',
  'treo cờ tổ quốc',
  'nha toi treo co ngay le',
  'đi từ từ thôi',
  'tu tu roi tinh',
  'tư vấn vay vốn',
  'tu van mua xe',
  'kẹt xe quá trời ở cầu Ông Lãnh',
  'no dang chay tron ve phia cau',
  'xe dang chay thi bi giat dien thoai',
  'xe đang chạy thì bị giật điện thoại',
  'tiệm bơm vá xe lấn chiếm vỉa hè',
  'tiem bom va xe lan chiem le duong',
  'cơm cháy chà bông bán ở chợ',
  'bi danh la Ba Seo',
  'the shop is on fire sale',
  'my son lost his phone at school',
  'con chó đi lạc',
  'ông cụ đi lạc, đang ngồi ở nhà số 12',
  // Fire prevention, not a fire.
  'bình chữa cháy của karaoke hết hạn',
  'karaoke khóa lối thoát hiểm, không có bình chữa cháy',
  'nguy cơ cháy nổ cao vì câu điện',
  'quán nướng xả khói ra đường',
  // Films and games.
  'phim kinh dị có cảnh giết người chiếu ở rạp',
  'mấy đứa nhỏ chơi game bắn súng cả đêm ở tiệm net',
  'xem phim hành động có cảnh bắn nhau',
  'the movie has a shooting scene',
  'truyện trinh thám về bắt cóc',
  // Toys, trade, gambling, drugs.
  'bán súng đồ chơi',
  'ban sung do choi cho tre em',
  'selling fake guns online',
  'bắn cá đổi thưởng, nạp 50k tặng 100k',
  'nhà cái uy tín, bắn cá, nổ hũ, tài xỉu',
  'nhà số 5 tổ chức đánh bạc',
  'nhà số 5 đánh bài ăn tiền tới khuya, vẫn đang đánh. Tôi có thể cung cấp ảnh.',
  'đánh đề online qua zalo',
  'lô đề, số đề ở tiệm tạp hóa',
  'có người bán ma túy ở hẻm 12',
  'Phòng trọ hẻm 12 Tôn Đản có người bán ma túy đá về đêm',
  // Weapons handed in.
  'người dân giao nộp vũ khí tự chế',
  'giao nộp 1 quả lựu đạn cũ đào được khi sửa nhà',
  'người dân giao nộp súng hơi, mã tấu cất giữ từ lâu',
  // Denied.
  'không ai bị thương',
  'va chạm nhẹ, không có ai bị thương',
  'nobody was hurt, just a broken window',
  // Ordinary reports.
  'Thấy mấy thanh niên xăm trổ hay tụ tập hút thuốc',
  'hàng xóm hay cãi nhau ồn ào',
  'quán nhậu hát karaoke ồn ào quá khuya',
  'Xe tải đậu lấn chiếm lòng đường trước chợ Xóm Chiếu',
  'I want to report a scam, they stole 5 million',
  'mua máy bơm nước bị lừa',
  'mệt muốn chết, kẹt xe cả tiếng',
  'tiệm cắt tóc dùng dao cạo không sát trùng',
  'cửa hàng bán dao kéo lấn chiếm vỉa hè',
  'quán này chặt chém, chém giá khách du lịch',
  'hội thi phòng cháy chữa cháy của phường',
  'fire safety inspection at the market',
  'she shot a video of the thief',
  'cháy túi vì cá độ bóng đá',
  'bị bom hàng, khách không nhận',
  'nghe nói thằng đó từng đâm người',
  'hắn đã từng ngồi tù vì tội giết người',
];

// Written apart from the evaluation set (tests/fixtures/triage-eval), with other wording, places
// and people, to measure the phrase families for lost and endangered small children, people run
// over or lying still, live wires, suspect packages, armed robberies and beaten children on text
// they were not tuned on.
const URGENT_FAMILIES: [string, UrgentSignal][] = [
  // A small child lost, left or alone where it should not be.
  [
    'Có bé trai tầm 4 tuổi đứng khóc một mình trước cổng chợ Xóm Chiếu, không ai nhận',
    'missing_child',
  ],
  ['be gai 3 tuoi lac me o sieu thi Coopmart', 'missing_child'],
  [
    'Thằng nhỏ khoảng 6 tuổi lang thang một mình dưới chân cầu Kênh Tẻ lúc 11 giờ đêm',
    'missing_child',
  ],
  [
    'a little girl, maybe 4 years old, is wandering alone near the ferry, no adults around',
    'missing_child',
  ],
  ['Phát hiện trẻ sơ sinh bị vứt trong thùng rác đầu hẻm, còn thở', 'missing_child'],
  ['em bé mấy tháng tuổi bị bỏ lại trên ghế đá công viên', 'missing_child'],
  ['newborn baby left behind in a box outside the clinic', 'missing_child'],
  ['bé 7 tuổi không nhớ đường về nhà, đang ngồi ở tiệm tạp hóa của tôi', 'missing_child'],
  ['con tôi đi học chưa về', 'missing_child'],
  // A small child at a height, by water or in the road.
  ['Bé trai chừng 2 tuổi đang bò ra giữa đường Hoàng Diệu, xe chạy rất đông', 'missing_child'],
  ['con nít trèo qua lan can tầng 6 chung cư H1, trong nhà không có ai', 'missing_child'],
  ['toddler climbing the railing on a 5th floor balcony across the street', 'missing_child'],
  ['thang be ngoi tren bau cua so tang 4, mo toang cua', 'missing_child'],
  ['đứa nhỏ chơi sát mép kênh Tẻ, không có người lớn', 'missing_child'],
  ['a kid fell into the canal by the bridge', 'missing_child'],
  // Run over, pinned, lying without moving, hurt in a crash.
  ['Xe ben cán qua người đi xe máy ở ngã tư Tôn Đản - Xóm Chiếu', 'trapped_or_hurt'],
  ['ong cu bi xe buyt can, nam duoi gam xe', 'trapped_or_hurt'],
  ['Chị bán vé số bị xe máy tông, nằm giữa đường không cử động', 'trapped_or_hurt'],
  ['tai nạn ở cầu Calmette, một thanh niên gãy chân, đang la', 'trapped_or_hurt'],
  ['a motorbike rider was knocked down by a truck and is unresponsive', 'trapped_or_hurt'],
  ["an old lady is lying on the pavement and won't wake up", 'trapped_or_hurt'],
  ['tài xế kẹt cứng trong cabin sau khi xe tải lật', 'trapped_or_hurt'],
  ['bà cụ té trong nhà tắm, gọi không tỉnh', 'trapped_or_hurt'],
  // A power line down or sparking, a pole down: an electrical fire.
  ['Cột điện đổ chắn ngang hẻm 42, dây điện nằm trên đường', 'fire'],
  ['tru dien truoc nha so 9 Le Van Linh xet lua lien tuc', 'fire'],
  ['power line snapped and is lying across the road in front of the school', 'fire'],
  ['Dây điện cao thế bị đứt sau cơn mưa, rơi xuống mặt đường Khánh Hội', 'fire'],
  ['tủ điện chung cư tóe lửa liên tục, mùi khét', 'fire'],
  // A bag or case with wires or a ticking timer: a suspected bomb.
  ['Có ba lô lạ để dưới gầm ghế nhà chờ xe buýt, nghe tiếng tích tắc', 'explosive'],
  ['unattended backpack at the ferry terminal with wires sticking out', 'explosive'],
  ['thùng các tông bỏ trước cổng ủy ban phường, có dây điện quấn quanh', 'explosive'],
  // A robbery with a weapon named.
  ['Tôi vừa bị cướp điện thoại, thằng đó cầm theo dao găm', 'weapon_in_use'],
  ['cuop tiem vang, 2 thang co sung', 'weapon_in_use'],
  ['I am being robbed at the ATM on Khanh Hoi street, he has a blade', 'weapon_in_use'],
  // A child beaten or tied up.
  ['bé trai bị quất túi bụi ở phòng trọ bên cạnh', 'violence_in_progress'],
  ['Bà hàng xóm đang lấy roi quất đứa cháu 6 tuổi, nó la khóc', 'violence_in_progress'],
  ['Ông bố say rượu trói con gái vào cột, đánh liên tục', 'violence_in_progress'],
  ['a man is beating a small child in the alley behind the market', 'violence_in_progress'],
  // Hearsay about the present, 'nó' typed as 'no', a fire put out only in part.
  ['nghe nói trong kho vẫn còn hai công nhân mắc kẹt, khói đen đầy trời', 'trapped_or_hurt'],
  ['Hàng xóm nghe nói có đứa nhỏ đang ở trong căn nhà đang cháy', 'fire'],
  ['no co sung, dang dung o dau hem', 'weapon_in_use'],
  ['đám cháy đã dập tắt một phần nhưng tầng 3 còn cháy', 'fire'],
];

// Their look-alikes: the same words in ordinary reports, or the same danger over or elsewhere.
const NOT_URGENT_FAMILIES: string[] = [
  // Worrying or ordinary, but no danger now.
  'vali bị giật trong tích tắc ở bến xe',
  'bé để quên đồ, đang tìm ba lô',
  'Tết mua cây quất cho bé chơi',
  'xe tải kẹt cứng trong hẻm 5 Tôn Đản',
  'the server crash knocked out the website',
  'my kid fell in love with the puppy',
  'con tôi đi học về trễ vì kẹt xe',
  'dây điện chằng chịt trước nhà, đề nghị điện lực bó gọn',
  'vali bỏ quên ở quán cà phê, đã trả lại cho khách',
  'Xe tải đè lên vỉa hè trước nhà số 30 Tôn Đản',
  'đứt dây đàn guitar khi đang tập',
  'dây điện thoại bị đứt, gọi không được',
  'Cửa hàng bán vali, ba lô, túi xách giảm giá',
  'Mua dây điện về sửa ổ cắm',
  'kẻ gian cắt đứt dây điện để lấy trộm đồng',
  'bãi giữ xe chật quá, xe đè lên nhau',
  'Đề nghị lắp lưới an toàn ban công cho trẻ em ở chung cư',
  'Chương trình phòng chống bạo hành trẻ em của phường',
  'Bất động sản khu này bị thổi giá',
  'đường Nguyễn Tất Thành kẹt cứng từ sáng',
  'troi lai mua, hem ngap het roi',
  'con toi bi lay roi chiec xe dap',
  'Mình thấy bé con nhà bên tập đi xe đạp một mình trong sân',
  'my daughter left her bag on the bus, the driver kept it',
  'túi rác để ngoài cửa, có dây điện cũ bên trong',
  'Tiệm bán ổ cắm, công tơ điện, cầu dao giá rẻ',
  'cháu tôi 8 tuổi đi học thêm, chiều về một mình bằng xe buýt',
  'the traffic is not moving on Khanh Hoi bridge',
  'the boss tied me up with paperwork all day',
  'cuop dao nay nhieu qua, de nghi tang tuan tra',
  'bị cướp mất ví, hắn chạy mất rồi',
  'con tôi bị cô giáo la, về nhà khóc một mình trong phòng',
  'Thanh niên tông xe vào cột điện, xe hư nhẹ, người không sao',
  'va chạm giao thông, gãy gương xe, hai bên tự thỏa thuận',
  // Over, past, hearsay of the past, habitual, denied, handed in.
  'Tuần trước thằng bé nhà bên bị bố trói lại đánh, giờ đã được bà ngoại đón về',
  'năm ngoái có vụ xe container cán chết người ở chân cầu',
  'đám cháy ở kho gỗ đã được dập tắt hoàn toàn, không ai bị thương',
  'Hai nhóm thanh niên đánh nhau trước quán bida, công an đã giải tán',
  'Tôi bị cướp giật túi xách hôm qua ở chợ, tên cướp có dao',
  'nghe nói năm 2019 có vụ dây điện đứt làm chết người ở đây',
  'dây điện đứt ở hẻm 12 hôm qua, điện lực đã sửa',
  'hàng xóm hay đánh đập con, đề nghị phường nhắc nhở',
  'người dân giao nộp túi xách có dây điện, bên trong là kíp nổ cũ',
  'no one is hurt, the power line was fixed',
  'không ai bị thương nặng, chỉ trầy xước',
  'no co viec gi dau, dung lo',
];

describe('assessUrgency', () => {
  it.each(URGENT)('finds an immediate threat: %s (%s)', (text, signal) => {
    const r = assessUrgency(text);
    expect(r.urgent).toBe(true);
    expect(r.signals).toContain(signal);
  });

  it.each(NOT_URGENT)('finds no immediate threat: %s', (text) => {
    expect(assessUrgency(text)).toEqual({ urgent: false, signals: [] });
  });

  it.each(URGENT_FAMILIES)('finds an immediate threat: %s (%s)', (text, signal) => {
    const r = assessUrgency(text);
    expect(r.urgent).toBe(true);
    expect(r.signals).toContain(signal);
  });

  it.each(NOT_URGENT_FAMILIES)('finds no immediate threat: %s', (text) => {
    expect(assessUrgency(text)).toEqual({ urgent: false, signals: [] });
  });

  it('has at least 60 cases each way, and 20 each way for the phrase families', () => {
    expect(URGENT_FAMILIES.length).toBeGreaterThanOrEqual(20);
    expect(NOT_URGENT_FAMILIES.length).toBeGreaterThanOrEqual(20);
    expect(URGENT.length).toBeGreaterThanOrEqual(60);
    expect(NOT_URGENT.length).toBeGreaterThanOrEqual(60);
  });

  it('lists each signal once, in a fixed order', () => {
    const r = assessUrgency('Cháy nhà, có người bị kẹt trên lầu, khói mù mịt, cháy lớn lắm');
    expect(r.signals).toEqual(['fire', 'trapped_or_hurt']);
    const all = assessUrgency(
      'có bom, nó cầm súng bắt cóc bé, bé mất tích, nó dọa nhảy lầu, đánh nhau, cháy nhà, bất tỉnh',
    );
    expect(all.signals).toEqual([...URGENT_SIGNALS]);
  });

  it('matches a word typed without marks, but not a marked word that only folds the same', () => {
    // 'dạo' (lately) and 'đạo' are not 'dao' (knife); 'bán' (sell) is not 'bắn' (shoot).
    expect(assessUrgency('dạo này có người cầm đạo đến').urgent).toBe(false);
    expect(assessUrgency('có người bán súng').urgent).toBe(false);
    expect(assessUrgency('co nguoi ban sung').urgent).toBe(true);
    // 'tự tử' counts only with its marks; unmarked 'tu tu' is 'từ từ' unless the rest says so.
    expect(assessUrgency('cứ từ từ').urgent).toBe(false);
    expect(assessUrgency('tu tu').urgent).toBe(false);
    expect(assessUrgency('tự tử').urgent).toBe(true);
    expect(assessUrgency('co nguoi dinh tu tu').urgent).toBe(true);
  });

  it('does not join words across a full stop', () => {
    expect(
      assessUrgency('Tổ chức đánh bài ăn tiền, tối nay vẫn đang đánh. Tôi gửi ảnh.').urgent,
    ).toBe(false);
    expect(assessUrgency('đánh tôi').urgent).toBe(true);
  });

  it('lets a word for "now" outweigh a word for the past, but not the other way', () => {
    expect(assessUrgency('hôm qua nó cầm dao').urgent).toBe(false);
    expect(assessUrgency('hôm qua nó cầm dao, bây giờ nó quay lại').urgent).toBe(true);
    // 'đang' also narrates the past ("hôm qua tôi đang đi thì bị đánh").
    expect(assessUrgency('hôm qua tôi đang đi thì bị đánh').urgent).toBe(false);
    // A dated account counts as past unless it says it is happening.
    expect(assessUrgency('ngày 14/1 có người cầm dao chửi bới').urgent).toBe(false);
    expect(assessUrgency('ngày 14/1 có người đang cầm dao chửi bới').urgent).toBe(true);
    // "5 phút trước" is now; "5 ngày trước" is not.
    expect(assessUrgency('5 phút trước có người bị đâm').urgent).toBe(true);
    expect(assessUrgency('5 ngày trước có người bị đâm').urgent).toBe(false);
    expect(assessUrgency('someone was stabbed 5 minutes ago').urgent).toBe(true);
    expect(assessUrgency('someone was stabbed 5 days ago').urgent).toBe(false);
  });

  it('cancels on hearsay only when it does not say the danger is going on', () => {
    expect(assessUrgency('nghe nói có người bị kẹt trong kho').urgent).toBe(false);
    expect(assessUrgency('nghe nói vẫn còn người bị kẹt trong kho').signals).toEqual([
      'trapped_or_hurt',
    ]);
    expect(assessUrgency('nghe nói trong kho đang cháy').signals).toEqual(['fire']);
    // A place is not a time: "ở đây" leaves the story in the past.
    expect(assessUrgency('nghe nói ở đây có người bị kẹt trong kho').urgent).toBe(false);
    expect(assessUrgency('nghe nói hôm qua vẫn còn người bị kẹt').urgent).toBe(false);
  });

  it("reads unmarked 'no' before a Vietnamese phrase as 'nó', not as a denial", () => {
    expect(assessUrgency('bi cuop, no co dao').signals).toEqual(['weapon_in_use']);
    expect(assessUrgency('no cam sung').signals).toEqual(['weapon_in_use']);
    expect(assessUrgency('there is no fire, only a burnt pot').urgent).toBe(false);
  });

  it('lets a denial reach over "bị", "có", "was"', () => {
    expect(assessUrgency('không ai bị thương nặng').urgent).toBe(false);
    expect(assessUrgency('nobody was badly hurt').urgent).toBe(false);
    expect(assessUrgency('một người bị thương nặng').urgent).toBe(true);
  });

  it('drops a fire put out or a fight broken up, unless something still goes on', () => {
    expect(assessUrgency('cháy nhà kho, đã dập tắt').urgent).toBe(false);
    expect(assessUrgency('cháy nhà kho, đã dập tắt một phần').signals).toEqual(['fire']);
    expect(assessUrgency('cháy nhà kho, đã dập tắt nhưng vẫn còn khói').signals).toEqual(['fire']);
    expect(assessUrgency('hai nhóm đánh nhau, đã giải tán').urgent).toBe(false);
    // Only that signal: someone trapped or hurt in it still counts.
    expect(assessUrgency('cháy nhà kho, đã dập tắt, một người bị thương nặng').signals).toEqual([
      'trapped_or_hurt',
    ]);
    expect(assessUrgency('the fire was put out, nobody hurt').urgent).toBe(false);
  });

  it('keeps a lasting danger despite a past-time word', () => {
    expect(assessUrgency('con tôi mất tích từ hôm qua').signals).toEqual(['missing_child']);
    expect(assessUrgency('tuần trước có người gài bom ở chân cầu').signals).toEqual(['explosive']);
  });

  it('needs "now" or "here" for a bare weapon word', () => {
    expect(assessUrgency('nhà đó có súng').urgent).toBe(false);
    expect(assessUrgency('nó có súng, mau lên').urgent).toBe(true);
    expect(assessUrgency('gun here, hurry').urgent).toBe(true);
  });

  it('accepts the caller’s normalized text', () => {
    const text = 'Có người cầm súng ở đây, mau đến';
    expect(assessUrgency(text, normalizeText(text))).toEqual(assessUrgency(text));
  });

  it('handles empty and punctuation-only text', () => {
    expect(assessUrgency('')).toEqual({ urgent: false, signals: [] });
    expect(assessUrgency('!!!...???')).toEqual({ urgent: false, signals: [] });
  });
});
