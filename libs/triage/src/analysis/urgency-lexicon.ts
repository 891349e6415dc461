// Word lists behind assessUrgency. Phrases are comma-separated, written with their marks, and
// matched as whole words with phrase-match's rules: exactly where the tipster used marks, by the
// folded form only where a word was typed without any. A phrase in an `exact` list counts only
// as written, because its unmarked form is an everyday other word ('tu tu' is 'từ từ', slowly,
// far more often than 'tự tử'; 'xe chay' is a moving vehicle, 'chay roi' "ran off").

export const URGENT_SIGNALS = [
  'weapon_in_use',
  'explosive',
  'kidnapping',
  'missing_child',
  'suicide',
  'violence_in_progress',
  'fire',
  'trapped_or_hurt',
] as const;
export type UrgentSignal = (typeof URGENT_SIGNALS)[number];

/**
 * One way of naming a threat. `lasting`: the danger outlives the moment it is told of (a child
 * still missing, a bomb still planted, a threat to jump), so a past-time word does not cancel
 * it; everything else is an event, cancelled by "last week" or "I heard" unless the text also
 * says it is going on now. `weak`: counts only when the text says it is happening now or here.
 */
export interface TermSpec {
  signal: UrgentSignal;
  phrases: string;
  exact?: string;
  lasting?: boolean;
  weak?: boolean;
  /** Words right after the phrase that give it another meaning ('bị đánh giá', 'cháy hàng'). */
  notFollowedBy?: string;
  /** Words right before the phrase that give it another meaning ('mua bán súng', 'nguy cơ cháy'). */
  notPrecededBy?: string;
  /** Like notFollowedBy, but only where the phrase was typed without marks ('dang chay tron'). */
  unmarkedNotFollowedBy?: string;
  /** Like notPrecededBy, but only where the phrase was typed without marks ('xe dang chay'). */
  unmarkedNotPrecededBy?: string;
}

/** Two kinds of words close together (a child, and being missing), in either order. */
export interface NearSpec {
  signal: UrgentSignal;
  lasting: boolean;
  first: string;
  second: string;
  /** Most words between the two. */
  gap: number;
}

// Toys, tools and sports that share the word 'súng' (gun).
const NOT_A_GUN =
  'đồ chơi, nhựa, nước, bắn nước, bắn bi, bắn đạn bi, bi, bắn keo, keo, bắn đinh, sơn, bắn sơn,' +
  'phun sơn, bắn bóng, xốp, thạch, hơi cay';

// 'đánh' is also to play (đánh bài, đánh bạc, đánh đề), to assess (đánh giá), to mark, to
// type, to brush, to lose (đánh rơi), to steal (đánh cắp), to fool (đánh lừa), to wake…
const NOT_A_BEATING =
  'giá, thuế, dấu, số, cắp, tráo, rơi, bạc, bài, đề, lô, thức, bóng, máy, răng, cá, lừa, lạc,' +
  'đổ, tiếng, phấn, son, vần, chữ, điện, trống, đàn, võng, lái, bẫy, giặc, hơi, cược, golf,' +
  'cầu, cờ, liều, giày, xi, bông, trứng, bại, thắng, đu, là, vecni, véc ni, mất, tennis';

// 'cháy' is also slang for sold out (cháy hàng, cháy vé), broke (cháy túi), sunburnt.
const NOT_A_FIRE_AFTER = 'hàng, vé, túi, nắng, da, show, sale';
// Fire prevention, fire risk, extinguishers and alarms are not fires.
const NOT_A_FIRE_BEFORE =
  'nguy cơ, phòng, chống, chữa, đề phòng, phòng ngừa, dễ, báo, an toàn, bình, hệ thống, tránh,' +
  // Food and candles burn too: cơm cháy (crispy rice), nến đang cháy.
  'cơm, nồi, nến, nhang, hương, than, điếu, thuốc';
// Unmarked 'chay' is as often 'chạy' (run, ride, flee) as 'cháy'.
const RUNNING =
  'trốn, xe, ra, vào, đi, về, qua, lại, theo, tới, đến, sang, quanh, vòng, nhanh, bộ,' +
  'tốc độ, lạng lách, xuống, lên, khỏi, thoát, ngược, mất, tiếp, hướng, mau, lung tung, rông, thì';

export const TERMS: TermSpec[] = [
  // ---------------------------------------------------------------------------------------------
  // A weapon used or shown
  {
    signal: 'weapon_in_use',
    phrases:
      'cầm súng, cầm dao, cầm mã tấu, cầm kiếm, cầm rựa, cầm búa, cầm hung khí, cầm vũ khí,' +
      'cầm tuýp, cầm ống tuýp, cầm tuýp sắt, cầm dao phay, cầm dao bầu, cầm dao nhọn, cầm mác,' +
      'cầm côn, cầm gậy sắt, lăm lăm, vung dao, vung mã tấu, vung kiếm, vung rựa,' +
      'vung hung khí, khua dao, múa dao, vác dao, vác mã tấu, vác rựa, vác kiếm, rút súng, rút dao,' +
      'rút mã tấu, chĩa súng, dí súng, dí dao, gí súng, gí dao, kề dao, dọa bắn, nổ súng,' +
      'tiếng súng, bắn người, bắn chết, bị bắn, bắn nhau, bắn vào người, bắn trúng, bắn bị thương,' +
      'mang súng, mang dao, mang mã tấu, mang hung khí, mang vũ khí, mang theo súng, mang theo dao,' +
      'mang theo mã tấu, mang theo hung khí, mang theo vũ khí, giắt súng, giắt dao, dùng súng,' +
      'dùng dao, dùng mã tấu, dùng hung khí, tạt axit, tạt a xít, tạt xăng,' +
      'khống chế bằng dao, uy hiếp bằng dao, uy hiếp bằng súng, cầm dao rượt, cầm dao đuổi,' +
      'has a gun, have a gun, got a gun, with a gun, holding a gun, pointing a gun, pulled a gun,' +
      'pulled out a gun, waving a gun, brandishing, armed with, gunman, gunmen, shooter, shooting,' +
      'shots fired, gunshot, gunshots, gunfire, opened fire, open fire, was shot, got shot,' +
      'been shot, shot him, shot her, shot someone, shot at, gunpoint, knifepoint,' +
      'has a knife, have a knife, got a knife, with a knife, holding a knife, pulled a knife,' +
      'pulled out a knife, waving a knife, with a machete, machete, machetes, armed man, armed men,' +
      'acid attack, threw acid',
    // 'dao cạo' is a razor; peeling and slicing knives are kitchen work.
    notFollowedBy: `${NOT_A_GUN}, yêu, cạo, gọt, thái, game, games, star, range`,
    notPrecededBy: 'mua, môn, tập, thi, trường, câu lạc bộ, clb, toy, water, nerf, photo',
  },
  {
    signal: 'weapon_in_use',
    phrases: 'bắn súng',
    notFollowedBy: NOT_A_GUN,
    notPrecededBy: 'mua, môn, tập, thi, trường, câu lạc bộ, clb, game',
  },
  {
    // "Nó có dao" is a threat when it is happening; "nhà đó có súng" is a report for later.
    signal: 'weapon_in_use',
    weak: true,
    phrases:
      'có súng, có dao, có mã tấu, có hung khí, có vũ khí, có kiếm, có rựa, súng, mã tấu, hung khí,' +
      'gun, guns, knife, knives, weapon',
    notFollowedBy: NOT_A_GUN,
    notPrecededBy: 'toy, water, nerf, glue, nail, paintball, bb, airsoft, spray, squirt, bán, mua',
  },

  // ---------------------------------------------------------------------------------------------
  // Explosives: a bomb or grenade stays dangerous after it is seen
  {
    signal: 'explosive',
    lasting: true,
    phrases:
      'bom, quả bom, trái bom, có bom, đặt bom, gài bom, bom tự chế, bom xăng, bom thư, lựu đạn,' +
      'thuốc nổ, chất nổ, vật liệu nổ, kíp nổ, ngòi nổ, quả mìn, trái mìn, gài mìn, mìn tự chế,' +
      'bom mìn, đạn pháo, đầu đạn, bomb, bombs, explosive, explosives, grenade, grenades,' +
      'detonator, ied, pipe bomb, molotov',
    // Unmarked 'bom' is also 'bơm' (pump): bơm xe, bơm hơi, máy bơm, tiệm bơm vá.
    notFollowedBy: 'xe, hơi, nước, mỡ, tấn, hàng, tiền, căng, vá, ga, thuốc, kim tiêm',
    notPrecededBy: 'máy, ống, tiệm, trạm, cây, photo',
  },
  {
    signal: 'explosive',
    phrases:
      'phát nổ, gây nổ, nổ bình gas, nổ bình ga, nổ gas, nổ ga, nổ bình, explosion, explosions,' +
      'exploded, detonated',
    // Unmarked, 'tiếng nổ lớn' also reads 'tiếng nó lớn' (his voice is loud).
    exact: 'nổ tung, vụ nổ, tiếng nổ, nổ lớn, nổ to, nổ liên tiếp',
    notPrecededBy: 'nguy cơ, phòng, chống, an toàn',
  },

  // ---------------------------------------------------------------------------------------------
  // Kidnapping and holding someone
  {
    signal: 'kidnapping',
    lasting: true,
    phrases:
      'bắt cóc, bị bắt cóc, làm con tin, bắt con tin, giữ con tin, bắt làm con tin, tiền chuộc,' +
      'đòi chuộc, đòi tiền chuộc, bắt lên xe, lôi lên xe, kéo lên xe, ép lên xe, đẩy lên xe,' +
      'bị bắt đi mất, giam lỏng, bị giam lỏng, giữ người trái phép, giam giữ trái phép,' +
      'bắt giữ trái phép, giữ không cho về, kidnap, kidnapped, kidnapping, kidnapper, kidnappers,' +
      'abduct, abducted, abduction, hostage, hostages, ransom, forced into a car, forced into a van,' +
      'dragged into a car, dragged into a van, pulled into a car, pulled into a van,' +
      'held against her will, held against his will, held against their will, held against my will,' +
      'took my son, took my daughter, took my child, took my kid, took my baby',
    // 'con tin' unmarked is also 'còn tin' (still believe).
    exact: 'con tin',
  },

  // ---------------------------------------------------------------------------------------------
  // Suicide: the act (an event) and the threat (lasting)
  {
    signal: 'suicide',
    phrases:
      'tự sát, tự thiêu, quyên sinh, nhảy lầu, nhảy cầu, nhảy sông, nhảy xuống sông,' +
      'nhảy xuống kênh, nhảy xuống cầu, nhảy từ tầng, nhảy từ trên, uống thuốc ngủ,' +
      'uống thuốc sâu, uống thuốc trừ sâu, uống thuốc chuột, uống thuốc diệt chuột, uống thuốc độc,' +
      'cắt cổ tay, rạch tay, rạch cổ tay, tìm đến cái chết, kết liễu, có người tự tử,' +
      'tự tử trên cầu, nhảy cầu tự tử, treo cổ tự tử, uống thuốc tự tử, suicide, suicidal,' +
      'overdose, overdosed, kill himself, kill herself, kill myself, kill themselves,' +
      'killed himself, killed herself, end his life, end her life, end my life, take his own life,' +
      'take her own life, hang himself, hang herself, hanged himself, hanged herself,' +
      'slit his wrists, slit her wrists, jump off, jumped off, jumping off, on the ledge',
    // Unmarked, 'tu tu' is 'từ từ' (slowly), 'tu van' 'tư vấn' (advice), 'treo co' 'treo cờ'.
    // 'tự tữ' is a common slip of the tone key.
    exact: 'tự tử, tự tữ, tự vẫn, treo cổ',
  },
  {
    signal: 'suicide',
    lasting: true,
    phrases:
      'dọa tự tử, đòi tự tử, định tự tử, muốn tự tử, sắp tự tử, đang tự tử, dọa tự sát, đòi tự sát,' +
      'định tự sát, muốn tự sát, dọa nhảy, đòi nhảy, định nhảy, sắp nhảy, muốn nhảy lầu,' +
      'muốn nhảy cầu, muốn nhảy sông, đòi chết, không muốn sống, dọa treo cổ, đòi treo cổ,' +
      'đứng trên lan can, trèo ra lan can, leo ra lan can, trèo lên lan can, leo lên lan can,' +
      'going to jump, gonna jump, about to jump, wants to jump, want to jump, threatening to jump,' +
      'threatens to jump, trying to jump, will jump, going to kill himself, going to kill herself,' +
      'threatening suicide, threatening to kill himself, threatening to kill herself,' +
      'wants to die, want to die, going to end it',
  },
  {
    signal: 'suicide',
    lasting: true,
    phrases: 'muốn chết',
    // "mệt muốn chết", "cười muốn chết": tired, laughing to death.
    notPrecededBy:
      'mệt, nóng, đói, lạnh, khát, buồn cười, cười, sợ, đau, chán, ghét, ghê, ngại, xấu hổ, nhớ, thèm',
  },

  // ---------------------------------------------------------------------------------------------
  // Violence going on
  {
    signal: 'violence_in_progress',
    phrases: 'bị đánh, chặn đánh, xông vào đánh, lao vào đánh, đè ra đánh, bị đánh đập',
    notFollowedBy: NOT_A_BEATING,
  },
  {
    signal: 'violence_in_progress',
    phrases:
      'đánh tôi, đánh em, đánh vợ, đánh chồng, đánh con, đánh mẹ, đánh bố, đánh cha, đánh ông,' +
      'đánh anh, đánh chị, đánh cháu, đánh người, đánh nhau, đánh đập, đánh hội đồng, đánh chết,' +
      'đánh dã man, đánh túi bụi, đánh tới tấp, đánh ghen, đánh trọng thương, đánh bị thương,' +
      'hành hung, đấm đá, bị đấm, bị chém, chém người, chém nhau, chém trọng thương, chém chết,' +
      'đâm chém, rượt chém, chém vào, bị đâm, đâm nhau, đâm chết, đâm trọng thương, dùng dao đâm,' +
      'đâm vào bụng, đâm vào ngực, đâm vào lưng, đâm vào cổ, đâm người ta, giết người, giết chết,' +
      'đòi giết, dọa giết, muốn giết, định giết, sắp giết, giết tôi, giết em, giết vợ, giết chồng,' +
      'giết con, án mạng, bóp cổ, siết cổ, hỗn chiến, ẩu đả, loạn đả, thanh toán nhau,' +
      'hiếp dâm, cưỡng hiếp, đang hiếp, đang bạo hành, beating, beaten, beat me, beat her, beat him,' +
      'beat up, beating up, attacking, attacked, attack, assault, assaulted, assaulting, fight,' +
      'fighting, brawl, stab, stabbed, stabbing, stabbing her, killing, kill me, kill her, kill him,' +
      'kill us, going to kill, murder, murdering, murdered, strangling, choking her, hitting her,' +
      'hitting him, hitting me, hit me, punching, kicking her, rape, raped, raping',
    // 'đánh bà' unmarked is 'danh bạ' (contacts).
    exact: 'đánh bà',
    notFollowedBy: 'giá, gió, against, time, mystery, up',
    notPrecededBy: 'tội, heart, panic, asthma, cyber',
  },

  // ---------------------------------------------------------------------------------------------
  // Fire
  {
    signal: 'fire',
    phrases:
      'cháy nhà, nhà bị cháy, bị cháy, đang cháy, bốc cháy, cháy lớn, cháy to, cháy dữ dội,' +
      'cháy rụi, cháy lan, cháy nổ, đám cháy, vụ cháy, hỏa hoạn, hoả hoạn, cháy tiệm,' +
      'cháy cửa hàng, cháy kho, cháy xưởng, cháy phòng, cháy chung cư, cháy dãy trọ, cháy khu,' +
      'cháy tủ điện, chập điện gây cháy, lửa cháy, lửa bốc, lửa lan, lửa bén, bén lửa, ngọn lửa,' +
      'biển lửa, dập lửa, khói bốc, bốc khói, khói đen, khói mù mịt, khói nghi ngút, đầy khói,' +
      'ngạt khói, phóng hỏa, phóng hoả, đốt nhà, châm lửa, tưới xăng, gọi cứu hỏa, gọi cứu hoả,' +
      'on fire, house fire, building fire, fire, flames, in flames, burning, is burning,' +
      'smoke everywhere, full of smoke, black smoke, thick smoke, caught fire, set fire, arson,' +
      'ablaze',
    // Unmarked these read 'nhà chay' (a vegetarian house), 'xe chạy' (a moving vehicle), 'chạy
    // chợ', 'chạy rồi' (ran off), 'chạy quán'.
    exact: 'nhà cháy, xe cháy, cháy xe, cháy chợ, cháy rồi, cháy quán',
    notFollowedBy:
      `${NOT_A_FIRE_AFTER}, safety, exit, exits, extinguisher, extinguishers, alarm, alarms,` +
      'hazard, hazards, risk, code, escape, door, doors, drill, department, station, truck, lane,' +
      'hydrant, regulations, inspection, prevention, trash, rubbish, garbage, leaves, incense,' +
      'sensation',
    notPrecededBy: `${NOT_A_FIRE_BEFORE}, open, opened, cease, under`,
    unmarkedNotFollowedBy: RUNNING,
    // 'xe dang chay' is nearly always a vehicle on the move.
    unmarkedNotPrecededBy: 'xe',
  },
  {
    // "Cháy!" alone, written with its mark; slang uses it for a party or a sell-out too.
    signal: 'fire',
    phrases: '',
    exact: 'cháy',
    notFollowedBy: `${NOT_A_FIRE_AFTER}, hết mình, phố, quá, lắm, khét, dở`,
    notPrecededBy: NOT_A_FIRE_BEFORE,
  },

  // ---------------------------------------------------------------------------------------------
  // Someone trapped, badly hurt or crying for help
  {
    signal: 'trapped_or_hurt',
    phrases:
      'bị kẹt, mắc kẹt, bị mắc kẹt, kẹt trong, kẹt bên trong, kẹt trên, kẹt dưới, bị nhốt,' +
      'không thoát ra được, không thoát được, không thể thoát, bị đè, bị vùi, bị chôn vùi, sập nhà, nhà sập, nhà bị sập,' +
      'sập tường, tường sập, sập giàn giáo, đuối nước, chết đuối, rơi xuống sông, rơi xuống kênh,' +
      'rơi xuống nước, té xuống sông, té xuống kênh, rớt xuống sông, rớt xuống kênh,' +
      'ngã xuống sông, bị thương nặng, thương nặng, trọng thương, bị thương rất nặng,' +
      'thương tích nặng, nguy kịch, nguy hiểm đến tính mạng, nguy hiểm tính mạng,' +
      'nguy hiểm tới tính mạng, thập tử nhất sinh, hôn mê, bất tỉnh, nằm bất động, ngất xỉu,' +
      'ngừng thở, tắt thở, không thở, co giật, sắp chết, hấp hối, chảy máu nhiều, bị chảy máu,' +
      'chảy máu đầu, chảy nhiều máu, mất máu, mất nhiều máu, bê bết máu, đầy máu, vũng máu,' +
      'bị điện giật, điện giật,' +
      'đưa đi cấp cứu, cần cấp cứu, gọi cấp cứu, đi cấp cứu, chở đi cấp cứu, xe cứu thương,' +
      'gọi 115, cứu với, cứu tôi, cứu em, cứu mạng, cứu con tôi, kêu cứu, cầu cứu, trapped,' +
      'stuck inside, stuck in the, locked in, locked inside, cant get out, can’t get out,' +
      "can't get out, cannot get out, badly hurt, seriously hurt, hurt badly, is hurt, was hurt," +
      'got hurt, are hurt, injured, badly injured, seriously injured, critically injured,' +
      "unconscious, not breathing, isnt breathing, isn't breathing, stopped breathing, cant breathe," +
      "can't breathe, bleeding, lot of blood, blood everywhere, dying, collapsed, drowning," +
      'drowned, electrocuted, heart attack, ambulance, save me, someone help, screaming for help,' +
      'crying for help, calling for help, shouting for help, yelling for help, cries for help',
    // Unmarked 'chay mau' is also 'chạy mau' (run, quick), 'mau chay' 'mau chạy'.
    exact: 'chảy máu, máu chảy, đang chảy máu',
    notFollowedBy: 'xe, tiền, vốn, lịch, sổ, traffic, mud, contract',
  },
];

/** Children, in the words parents, neighbours and passers-by use. */
const CHILD =
  'bé, em bé, bé gái, bé trai, cháu bé, đứa bé, đứa nhỏ, đứa trẻ, trẻ em, trẻ nhỏ, trẻ sơ sinh,' +
  'con nít, con nhỏ, thằng bé, con bé, thằng nhỏ, cháu nhỏ, cháu tôi, cháu em, cháu mình, con tôi,' +
  'con em, con mình, con của tôi, con trai tôi, con gái tôi, con trai, con gái, học sinh,' +
  'cháu nội, cháu ngoại, my son, my daughter, my child, my kid, my boy, my girl, my baby, child,' +
  'children, kid, kids, boy, girl, baby, toddler, son, daughter';

export const NEAR: NearSpec[] = [
  {
    signal: 'missing_child',
    lasting: true,
    first: CHILD,
    second:
      'mất tích, đi lạc, bị lạc, lạc mất, lạc đường, bị thất lạc, thất lạc, không thấy đâu,' +
      'không thấy về, chưa thấy về, tìm không thấy, không tìm thấy, không tìm được,' +
      'chưa tìm thấy, chưa tìm được, không về nhà, chưa về nhà, chưa về, không về, bỏ nhà đi,' +
      'bỏ nhà ra đi, biến mất, mất liên lạc, không liên lạc được, bị bỏ rơi, bỏ rơi, bị bỏ quên,' +
      'missing, is lost, got lost, gone missing, went missing, lost child, disappeared, vanished,' +
      "cant find, can't find, cannot find, couldnt find, couldn't find, hasnt come home," +
      "hasn't come home, didnt come home, didn't come home, not come home, never came home," +
      'not back, wandered off, ran away from home, abandoned',
    gap: 6,
  },
  {
    signal: 'kidnapping',
    lasting: true,
    first: CHILD,
    second:
      'bị bắt đi, bị bắt mất, bị dắt đi, bị bế đi, bị đưa đi, bị dụ, bị dụ dỗ, bị lôi đi,' +
      'bị kéo đi, bị ôm đi, dụ đi, bế đi, dắt đi, bắt đi, lôi đi, người lạ bế, người lạ dắt,' +
      'người lạ dụ, người lạ đưa, người lạ bắt, lạ bế, lạ dắt, lạ dụ, was taken, been taken,' +
      'taken by, stranger took, stranger grabbed, stranger taking, stranger is taking,' +
      'stranger carried',
    gap: 4,
  },
  {
    // Forced into a vehicle: "lôi cô gái lên xe", "ép nó vào xe".
    signal: 'kidnapping',
    lasting: true,
    first: 'lôi, ép, cưỡng ép, túm, tóm, bắt',
    second: 'lên xe, vào xe, lên ô tô, vào ô tô, lên xe tải',
    gap: 3,
  },
];

/** Saying it is going on now; this outweighs a past-time word elsewhere in the text. */
export const NOW = {
  phrases:
    'bây giờ, giờ này, lúc này, ngay lúc này, ngay bây giờ, hiện đang, vẫn đang, vẫn còn đang,' +
    'lại đang, hiện giờ, hiện tại, mau, mau lên, nhanh lên, đến ngay, tới ngay, xuống ngay,' +
    'qua ngay, khẩn cấp, cứu với, cứu tôi, cứu mạng, right now, now, still, hurry, asap, urgent,' +
    'urgently, emergency',
  // Unmarked 'gap' is 'gặp' (meet).
  exact: 'gấp',
};

/** Present tense and place, weaker: "đang" also narrates the past ("hôm qua tôi đang đi thì…"). */
export const NOW_WEAK = {
  phrases: 'đang, vừa, vừa mới, ở đây, chỗ này, here, happening, currently',
};

/** The event is over: it happened a day or more ago. */
export const PAST = {
  phrases:
    'hôm qua, hôm kia, hôm trước, bữa trước, bữa qua, tuần trước, tuần rồi, tuần qua, năm ngoái,' +
    'mấy hôm trước, mấy ngày trước, vài ngày trước, vài hôm trước, mấy tuần trước, từ lâu,' +
    'yesterday, last night, last week, last month, last year, days ago, day ago, weeks ago,' +
    'week ago, months ago, month ago, years ago, year ago, the other day, previously, used to,' +
    'đã từng',
  // Unmarked, these are 'tôi qua' (I go over), 'đem qua' (bring over), 'sang qua', 'chiếu qua',
  // 'ngay trước' (right in front), 'nằm trước' (lying in front), 'thang trước' (the stairs in
  // front), 'hỏi trước', 'đã lau' (wiped): an urgent tip must not lose to them.
  exact:
    'tối qua, đêm qua, sáng qua, chiều qua, trưa qua, ngày trước, hồi trước, lần trước, năm trước,' +
    'năm qua, năm rồi, tháng trước, tháng rồi, tháng qua, hồi đó, đã lâu, lâu rồi',
};

/** Someone else's story, not something the tipster is seeing. */
export const HEARSAY = {
  phrases:
    'nghe nói, nghe đồn, người ta đồn, có tin đồn, đồn rằng, nghe kể, i heard, heard that, rumor,' +
    'rumour, rumors, rumours',
  exact: 'đồn là',
};

/**
 * A threat being made: a weapon named in it is being shown ("bị cướp, nó có dao"), where the
 * same words alone may only say someone owns one ("nhà đó có súng").
 */
export const THREAT = {
  phrases:
    'cướp, bị cướp, cướp giật, uy hiếp, đe dọa, dọa, khống chế, đòi tiền, rượt, rượt đuổi, đuổi đánh,' +
    'robbing, robbery, mugging, mugged, threatening, threatened, chasing',
};

/** A pattern of behaviour rather than one moment ("hay đánh vợ", "thường xuyên"). */
export const HABITUAL = {
  phrases:
    'thường xuyên, nhiều lần, hàng đêm, hàng ngày, mỗi đêm, mỗi ngày, often, always, usually',
};

/** Films, games and stories. */
export const FICTION = {
  phrases:
    'phim, bộ phim, xem phim, game, trò chơi, chơi game, tiểu thuyết, movie, movies, film, films,' +
    'video game, tv show, diễn viên, lồng tiếng',
  // Unmarked 'truyen' is often 'truyền' (transmit), 'kich' 'kích' (incite).
  exact: 'truyện, kịch',
};

/** Citizens handing in weapons or explosives they found or kept. */
export const HAND_IN = {
  phrases:
    'giao nộp, nộp lại, tự nguyện giao, tự nguyện nộp, xin giao nộp, vận động giao nộp, hand in,' +
    'handed in, handing in, turned in, turn in',
};

/** Words right before a phrase that deny it ("không ai bị thương", "nobody was hurt"). */
export const NEGATION = {
  phrases:
    'không, ko, k, kh, chẳng, chưa, không ai, ko ai, chưa ai, không có ai, chưa có ai,' +
    'không có người nào, không người nào, không hề, chưa hề, không thấy ai, no, not, no one,' +
    'nobody, never, none, isnt, wasnt, arent, werent, dont, didnt, doesnt, no one was,' +
    'nobody was, no one is, nobody is, no one got, nobody got, no one has been,' +
    "nobody has been, not been, was not, is not, were not, isn't, wasn't, aren't, weren't, don't," +
    "didn't, doesn't",
  // Unmarked 'cha' is father, 'hong' may be 'hồng'.
  exact: 'chả, hông',
};
