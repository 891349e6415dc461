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
  /** Phrases of either kind that count only as written, marks and all (see `exact` above). */
  firstExact?: string;
  secondExact?: string;
  /** Most words between the two. */
  gap: number;
  /** The first kind must come before the second ("cột điện đổ", not "đổ rác ở cột điện"). */
  ordered?: boolean;
  /** Both in one sentence. */
  sameSentence?: boolean;
  /** Words right after a phrase of either kind that give it another meaning ('dây điện thoại'). */
  notFollowedBy?: string;
  /** Words right before a phrase of either kind that give it another meaning. */
  notPrecededBy?: string;
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

// Vehicles, as witnesses name them.
const VEHICLES = [
  'xe',
  'xe tải',
  'xe máy',
  'ô tô',
  'xe hơi',
  'xe con',
  'xe buýt',
  'xe bus',
  'xe ben',
  'xe container',
  'container',
  'xe bồn',
  'xe khách',
  'xe ba gác',
  'xe cẩu',
  'xe lu',
  'xe rác',
  'xe đầu kéo',
  'xe công nông',
  'taxi',
  'tàu',
  'tàu hỏa',
  'xe lửa',
];
// "bị xe tải đè", "bị ô tô cán qua", "xe ben cán qua người": run over or pinned by one.
const RUN_OVER = VEHICLES.flatMap((v) => [
  `bị ${v} đè`,
  `bị ${v} cán`,
  `bị ${v} cán qua`,
  `bị ${v} cuốn vào gầm`,
  `bị ${v} kéo lê`,
  `${v} cán qua người`,
  `${v} đè lên người`,
]).join(',');

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
      'dao găm, dao bấm, dao nhọn, dao phay, dao bầu, gun, guns, knife, knives, weapon, blade',
    notFollowedBy: NOT_A_GUN,
    // 'Air Blade' is a Honda scooter.
    notPrecededBy:
      'toy, water, nerf, glue, nail, paintball, bb, airsoft, spray, squirt, bán, mua, air',
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
  {
    // Run over or pinned by a vehicle, or shut in its wreck. Not "xe đè lên vỉa hè" (a car on
    // the pavement): a vehicle on a person, or a person under or stuck inside one. 'kẹt cứng'
    // alone is a traffic jam ("đường kẹt cứng").
    signal: 'trapped_or_hurt',
    phrases:
      `${RUN_OVER},cán qua người, cán lên người, cán trúng người, đè lên người, đè qua người,` +
      'cán chết, đè chết, nằm dưới gầm xe, kẹt dưới gầm, kẹt trong gầm, bị cuốn vào gầm,' +
      'cuốn vào gầm xe, mắc kẹt dưới, kẹt cứng trong, kẹt cứng bên trong, kẹt cứng dưới,' +
      'kẹt lại trong, kẹt lại bên trong, kẹt ở trong, kẹt ở bên trong, run over, ran over,' +
      'got run over, was run over, been run over, pinned under, pinned beneath, trapped under,' +
      'stuck under, crushed under',
    // Unmarked 'bi can' is 'bị can' (the accused).
    exact: 'bị cán, bị cán qua',
    // Stuck in an alley or a street is a traffic jam.
    notFollowedBy: 'hẻm, ngõ, đường, dòng xe, traffic',
  },
  {
    // Called or shaken and not waking.
    signal: 'trapped_or_hurt',
    phrases:
      'gọi không tỉnh, lay không tỉnh, gọi mãi không tỉnh, lay mãi không tỉnh, gọi không dậy,' +
      'lay không dậy',
  },

  // ---------------------------------------------------------------------------------------------
  // Someone tied up, a child beaten: violence going on
  {
    signal: 'violence_in_progress',
    phrases:
      'trói chặt, trói tay, trói chân, trói vào, trói người, bị trói chặt, bị trói tay,' +
      'đánh thằng bé, đánh con bé, đánh đứa bé, đánh đứa nhỏ, đánh đứa trẻ, đánh thằng nhỏ,' +
      'đánh cháu bé, đánh bé, đánh trẻ, tied her up, tied him up, tied them up,' +
      'is tied up, being tied up, tied to a chair, hitting the child, hitting a child,' +
      'hitting the kid, beating the child, beating a child, beating the kid, beating his son,' +
      'beating her son, beating his daughter, beating her daughter',
    // Unmarked 'troi lai', 'bi troi' are 'trời lại' (again it rains…), 'bị trôi' (swept away).
    exact: 'bị trói, trói lại',
    // 'trói buộc': bound (by a contract, a habit).
    notFollowedBy: `buộc, ${NOT_A_BEATING}`,
  },
];

// A small child's age: "bé 5 tuổi", "khoảng 3-4 tuổi", "a 4-year-old", "8 tháng tuổi".
const YOUNG_AGES = [
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  ...['một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'],
];
const AGE = [
  ...YOUNG_AGES.map((n) => `${n} tuổi`),
  ...YOUNG_AGES.slice(0, 10).flatMap((n) => [
    `${n} year old`,
    `${n} years old`,
    `${n} yo`,
    `${n} yrs old`,
  ]),
  'tháng tuổi',
  'months old',
].join(',');

/** Small children: too young to be out alone, or to be safe on a balcony or by the road. */
const SMALL_CHILD =
  'bé, em bé, bé gái, bé trai, bé con, cháu bé, đứa bé, đứa nhỏ, đứa trẻ, trẻ em, trẻ nhỏ,' +
  'trẻ sơ sinh, bé sơ sinh, hài nhi, con nít, trẻ con, con nhỏ, thằng bé, con bé, thằng nhỏ,' +
  'cháu nhỏ,' +
  'toddler, baby, babies, infant, newborn, little boy, little girl, small child, young child,' +
  `little kid, small kid, child, kid, ${AGE}`;

/** Children, in the words parents, neighbours and passers-by use. */
const CHILD =
  `${SMALL_CHILD}, cháu tôi, cháu em, cháu mình, con tôi,` +
  'con em, con mình, con của tôi, con trai tôi, con gái tôi, con trai, con gái, học sinh,' +
  'cháu nội, cháu ngoại, my son, my daughter, my child, my kid, my boy, my girl, my baby,' +
  'children, kids, boy, girl, son, daughter';

/** Where a small child alone is in danger: a height, water, the road. */
const DANGER_SPOT =
  // heights
  'ngoài ban công, trên ban công, đứng ban công, mép ban công, trèo ban công, leo ban công,' +
  'trèo qua ban công, leo qua ban công, trèo ra ban công, leo ra ban công, bám ban công,' +
  'đu ban công, trèo lan can, leo lan can, trèo qua lan can, leo qua lan can, đu lan can,' +
  'bám lan can, ngồi trên lan can, ngoài lan can, trên lan can, trèo cửa sổ, leo cửa sổ,' +
  'trèo ra cửa sổ, leo ra cửa sổ, ngồi trên cửa sổ, bậu cửa sổ, bám cửa sổ, đu cửa sổ,' +
  'ngoài cửa sổ, trên mái nhà, trên mái tôn, trên nóc nhà, trèo lên mái, leo lên mái,' +
  'mép sân thượng, treo lơ lửng, lơ lửng, sắp rơi, sắp rớt,' +
  'on the balcony, on a balcony, on the railing, on a railing, over the railing,' +
  'on the window ledge, on a window ledge, on the windowsill, on the roof, on a roof,' +
  'hanging from, dangling from, climbing the railing, climbing over the,' +
  // water
  'mép sông, mép kênh, mép nước, mép hồ, dưới kênh, dưới sông, giữa dòng, rơi xuống hồ,' +
  'rớt xuống hồ, té xuống hồ, rơi xuống hố, rớt xuống hố, té xuống hố, rơi xuống giếng,' +
  'rớt xuống giếng, rơi xuống cống, rớt xuống cống, lọt xuống cống, lọt hố ga,' +
  'rơi xuống hố ga, chới với, đang chìm, bị nước cuốn, nước cuốn, in the river, in the canal,' +
  'in the water, fell into, edge of the river, edge of the canal,' +
  // traffic
  'ra giữa đường, ra giữa lộ, chạy ra đường, bò ra đường, bò ra giữa đường, giữa lòng đường,' +
  'ngồi giữa đường, đứng giữa đường, chơi giữa đường, lang thang giữa đường, đi giữa đường,' +
  'trên đường ray, giữa đường ray, trên cao tốc, in the middle of the road,' +
  'in the middle of the street, in the road, into the road, into traffic,' +
  'on the highway, on the tracks, on the railway';

/** A small child on its own where it should not be: lost, left, alone. */
const ALONE =
  'khóc một mình, đứng một mình, ngồi một mình, lang thang một mình, đi lang thang một mình,' +
  'một mình ngoài đường, một mình giữa đường, một mình ở, một mình trên, một mình dưới,' +
  'không có người lớn, không người lớn, không có ai trông, không ai trông, không người trông,' +
  'không ai trông coi, không người trông coi, không có người trông, bị bỏ một mình,' +
  'không thấy người lớn, không thấy bố mẹ, không thấy cha mẹ, không thấy ba mẹ,' +
  'bỏ lại một mình, không biết nhà, không nhớ nhà, không biết đường về, không nhớ đường về,' +
  'khóc tìm mẹ, khóc gọi mẹ, khóc tìm bố, khóc tìm ba, đi tìm mẹ, tìm mẹ, tìm bố,' +
  'all alone, alone in, alone on, alone at, left alone, crying alone, wandering alone,' +
  'by himself, by herself, on his own, on her own, unattended, no adult, no adults,' +
  'without an adult, no parents around, no parent around, crying for his mom,' +
  'crying for her mom, crying for his mother, crying for her mother, looking for his mom,' +
  'looking for her mom, looking for his parents, looking for her parents';

/** People, as a witness points at one lying there. */
const PERSON =
  'người, nạn nhân, ông, bà, anh, chị, chú, cô, cậu, bé, nó, ổng, bả, ảnh, ông cụ, bà cụ, cụ,' +
  'thanh niên, phụ nữ, đàn ông, người đàn ông, người phụ nữ, tài xế, người đi đường,' +
  'he, she, guy, man, woman, lady, person, someone, somebody, victim, driver, rider, boy, girl,' +
  'child, kid, baby, him, her,' +
  // "nằm giữa đường không cử động": whoever lies there.
  'nằm, lying';

/** Lying without moving or waking: as grave as 'bất tỉnh' when said of a person. */
const NOT_MOVING =
  'không cử động, không còn cử động, không cử động được, không nhúc nhích, không động đậy,' +
  'không còn động đậy, bất động, mê man, lịm đi, không tỉnh lại, chưa tỉnh lại, không còn thở,' +
  "not moving, isnt moving, isn't moving, wasnt moving, wasn't moving, stopped moving," +
  "motionless, unresponsive, not responding, wont wake up, won't wake up, cant wake," +
  "can't wake, passed out";

/** Injuries to the body that make a road accident an emergency. */
const ROAD_INJURY =
  'gãy chân, gãy tay, gãy xương, gãy cổ, vỡ đầu, bể đầu, vỡ sọ, dập đầu, chấn thương đầu,' +
  'chấn thương sọ não, chấn thương nặng, dập nát, nát chân, đứt lìa, văng xa, nằm bất động,' +
  `${NOT_MOVING}, broke his leg, broke her leg, broken leg, broken legs, head injury,` +
  'head injuries, head wound, lying still, unconscious';

/** Hit by a vehicle, or in a crash. */
const ROAD_HIT =
  `${VEHICLES.flatMap((v) => [`bị ${v} tông`, `bị ${v} đâm`, `bị ${v} đụng`, `bị ${v} húc`]).join(',')},` +
  'bị tông, bị đụng, bị húc, xe tông, tông trúng, tông vào người, đâm vào người,' +
  'đụng vào người, tai nạn, va chạm, hit by, struck by, knocked down, knocked over, crash,' +
  'accident, collision';

/** Power lines, and what makes one a danger: down, snapped, sparking. */
const POWER_LINE =
  'dây điện, đường dây điện, dây trung thế, dây cao thế, dây hạ thế, dây điện trung thế,' +
  'dây điện cao thế, dây điện hạ thế, cáp điện, power line, power lines, powerline,' +
  'powerlines, live wire, live wires, electric wire, electric wires, electrical wire,' +
  'electrical wires, electric cable, electrical cable, high voltage line';
const SPARKS =
  'tóe lửa, xẹt lửa, nẹt lửa, bắn lửa, bốc lửa, phát lửa, tia lửa, chập cháy, chập điện,' +
  'bốc khói, sparking, sparks, sparked, arcing';
const LINE_DOWN =
  'đứt, bị đứt, đứt rơi, rơi xuống, rớt xuống, rơi xuống đường, rớt xuống đường, sà xuống,' +
  'võng sát đất, chạm đất, nằm dưới đất, nằm trên đường, down, is down, are down, fell,' +
  'fallen, snapped, on the road, on the street, in the street, on the ground, in the water';

/** Something left behind that may hold a bomb: a case or bag with wires or a ticking timer. */
const CONTAINER =
  'vali, va li, valy, va ly, ba lô, balo, túi xách, túi du lịch, túi vải, túi nilon, túi ni lông,' +
  'bọc nilon, bọc ni lông, gói hàng, kiện hàng, thùng các tông, thùng carton, thùng giấy,' +
  'hộp giấy, hộp sắt, hộp lạ, gói lạ, túi lạ, vật lạ, vật thể lạ, vật khả nghi, suitcase,' +
  'luggage, backpack, bag, package, parcel';
const BOMB_PARTS =
  'dây điện lòi ra, lòi dây điện, có dây điện, dây điện thò ra, thò dây điện, lòi ra dây điện,' +
  'gắn dây điện, quấn dây điện, dây điện quấn, nối dây điện, dây điện nối, dây nhợ lòi ra,' +
  // Not bare 'tích tắc': "trong tích tắc" is "in an instant".
  'dây lòi ra, kêu tích tắc, tiếng tích tắc, đồng hồ hẹn giờ, bộ hẹn giờ,' +
  'wires sticking out, wires coming out, wire sticking out, wires attached, with wires,' +
  'has wires, ticking, timer attached';

/** A robbery, and a weapon named in it. */
const ROBBERY =
  'cướp, bị cướp, ăn cướp, tên cướp, kẻ cướp, cướp giật, trấn lột, robbed, robbing, robbery,' +
  'robber, robbers, mugged, mugging, mugger';
// Bare 'dao' (knife) is left out: typed without marks it is as often 'dạo' ("cướp dạo này nhiều").
const WEAPON =
  'súng, mã tấu, rựa, hung khí, vũ khí, dao găm, dao bấm, dao nhọn, dao phay, dao bầu, bằng dao,' +
  'cầm dao, knife, knives, gun, guns, pistol, machete, weapon, blade';

/** A child being beaten, tied up or tormented. */
const CHILD_ABUSE =
  'đánh đập, đánh đòn, quất dây nịt, lấy dây nịt, dùng dây nịt, lấy thắt lưng, dùng thắt lưng,' +
  'bạo hành, hành hạ, ngược đãi, dí điện, dí thuốc lá, bạt tai, trói tay, trói chân, trói vào,' +
  'being beaten, being hit, beating, hitting, whipping, abusing, tied up';
// Unmarked 'roi' is also 'rơi' (fall) or 'rồi' (already), 'quat' 'quạt' (fan), 'troi' 'trời'.
// Bare 'quất' is also a kumquat ("mua cây quất cho bé").
const CHILD_ABUSE_EXACT =
  'trói, bị trói, trói lại, lấy roi, dùng roi, cầm roi, đòn roi, roi vọt, quất roi, bị quất,' +
  'quất vào người, quất túi bụi, quất liên tục';

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
      'lạc mẹ, lạc bố, lạc ba, lạc cha, lạc gia đình, lạc người nhà, lạc mất mẹ, bị bỏ lại,' +
      'bị vứt, bị vứt bỏ, vứt bỏ, bị bỏ trước, bị bỏ ngoài, bị bỏ ở, bị bỏ trong, bị bỏ giữa,' +
      'bị để lại, left behind,' +
      'missing, is lost, got lost, gone missing, went missing, lost child, disappeared, vanished,' +
      "cant find, can't find, cannot find, couldnt find, couldn't find, hasnt come home," +
      "hasn't come home, didnt come home, didn't come home, not come home, never came home," +
      'not back, wandered off, ran away from home, abandoned, lost her mom, lost his mom,' +
      'lost her mother, lost his mother, lost her parents, lost his parents',
    gap: 6,
  },
  {
    // A small child alone where it should not be: lost, or left.
    signal: 'missing_child',
    lasting: true,
    first: SMALL_CHILD,
    second: ALONE,
    gap: 6,
  },
  {
    // A small child at a height, by water or in the road: endangered while it lasts.
    signal: 'missing_child',
    lasting: false,
    first: SMALL_CHILD,
    second: DANGER_SPOT,
    gap: 5,
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
  {
    // A child being beaten, tied up or tormented.
    signal: 'violence_in_progress',
    lasting: false,
    first: CHILD,
    second: CHILD_ABUSE,
    secondExact: CHILD_ABUSE_EXACT,
    gap: 6,
    notFollowedBy: 'buộc',
    // Campaigns and talks against abuse are not abuse.
    notPrecededBy: 'phòng chống, chống, phòng ngừa, ngăn chặn, nạn, về, against, prevent',
  },
  {
    // Someone lying without moving: "người đàn ông nằm không cử động", "he isn't moving".
    signal: 'trapped_or_hurt',
    lasting: false,
    first: PERSON,
    second: NOT_MOVING,
    gap: 4,
    // 'bất động sản' is real estate.
    notFollowedBy: 'sản, san',
  },
  {
    // Hit by a vehicle and hurt: "bị xe tông gãy chân", "hit by a car, not moving".
    signal: 'trapped_or_hurt',
    lasting: false,
    first: ROAD_HIT,
    second: ROAD_INJURY,
    gap: 8,
    notFollowedBy: 'sản, san',
  },
  {
    // A robbery with a weapon: "bị cướp, nó có dao găm", "robbed at the ATM, he had a knife".
    signal: 'weapon_in_use',
    lasting: false,
    first: ROBBERY,
    second: WEAPON,
    gap: 8,
    notFollowedBy: NOT_A_GUN,
    // "bị cướp chiếc Air Blade": a Honda scooter.
    notPrecededBy: 'air',
  },
  {
    // A case or bag with wires or a timer: a suspected bomb, until the bomb squad says not.
    signal: 'explosive',
    lasting: true,
    first: CONTAINER,
    second: BOMB_PARTS,
    gap: 15,
    sameSentence: true,
    // A charging or phone cable is not a detonator.
    notFollowedBy: 'sạc, thoại, tai nghe',
  },
  {
    // A live wire down: an electrical fire, and death to whoever touches it.
    signal: 'fire',
    lasting: false,
    first: POWER_LINE,
    second: LINE_DOWN,
    gap: 4,
    // A phone or internet line is not a power line; cable thieves cut wires too.
    notFollowedBy: 'thoại, internet, mạng, loa',
    notPrecededBy: 'cắt, cắt trộm, trộm, cắt đứt',
  },
  {
    // A power line, switchboard, meter, socket or transformer throwing sparks; a witness often
    // puts the place between the two ("trụ điện trước nhà số 9 xẹt lửa").
    signal: 'fire',
    lasting: false,
    first:
      `${POWER_LINE}, tủ điện, hộp điện, ổ điện, ổ cắm, cầu dao, công tơ, đồng hồ điện, trụ điện,` +
      'cột điện, trạm biến áp, máy biến áp, biến áp, electrical box, fuse box, transformer,' +
      'socket, outlet',
    second: SPARKS,
    gap: 8,
    notFollowedBy: 'thoại, internet, mạng, loa',
  },
  {
    // A power pole down: "cột điện đổ ra đường", not "đổ rác dưới cột điện".
    signal: 'fire',
    lasting: false,
    first: 'trụ điện, cột điện, power pole, electric pole, utility pole',
    second: 'đổ, ngã, gãy, gãy đổ, đổ xuống, ngã xuống, đổ ra, ngã ra, down, fell, fallen, snapped',
    gap: 2,
    ordered: true,
  },
];

/** Saying it is going on now; this outweighs a past-time word elsewhere in the text. */
export const NOW = {
  phrases:
    'bây giờ, giờ này, lúc này, ngay lúc này, ngay bây giờ, hiện đang, vẫn đang, vẫn còn đang,' +
    'nãy giờ, từ nãy, từ nãy giờ,' +
    'lại đang, hiện giờ, hiện tại, mau, mau lên, nhanh lên, đến ngay, tới ngay, xuống ngay,' +
    'qua ngay, khẩn cấp, cứu với, cứu tôi, cứu mạng, right now, now, still, hurry, asap, urgent,' +
    'urgently, emergency',
  // Unmarked 'gap' is 'gặp' (meet).
  exact: 'gấp',
};

/** Present tense and place, weaker: "đang" also narrates the past ("hôm qua tôi đang đi thì…"). */
export const NOW_WEAK = {
  phrases: 'đang, vừa, vừa mới, happening, currently',
};

/** Here, at this place: like NOW_WEAK, but saying where rather than when. */
export const HERE = {
  phrases: 'ở đây, chỗ này, here',
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

/**
 * Still the case: with hearsay, the witness passes on what is going on ("nghe nói còn người kẹt
 * trong nhà"), not a story of the past.
 */
export const STILL = {
  phrases:
    'còn người, còn có người, vẫn còn, còn kẹt, còn mắc kẹt, còn trong, còn ở trong,' +
    'còn bên trong, còn khóc, còn sống, còn đang, còn cháy, còn lửa, còn khói, còn bốc khói,' +
    'còn đánh, still',
};

/**
 * Words saying that a fire or a fight is over: it was put out, the crowd dispersed, the attacker
 * was arrested. They cancel that signal only, unless the text says it is still going on ("đã
 * dập tắt một phần, vẫn còn cháy"); a person trapped or hurt in it still counts.
 */
export const RESOLVED: { signal: UrgentSignal; phrases: string; notFollowedBy?: string }[] = [
  {
    signal: 'fire',
    phrases:
      'đã dập tắt, đã được dập tắt, đã dập xong, dập tắt xong, đã dập tắt hoàn toàn, lửa đã tắt,' +
      'đám cháy đã được khống chế, đã khống chế được đám cháy, đã khống chế đám cháy,' +
      'fire is out, fire was put out, was put out, been put out, was extinguished,' +
      'been extinguished, put out the fire',
    notFollowedBy: 'một phần, phần lớn, được một phần, bớt, partly, partially',
  },
  {
    signal: 'violence_in_progress',
    phrases:
      'đã giải tán, đã bị giải tán, đã bị bắt, đã bị bắt giữ, đã bắt được, đã bắt giữ,' +
      'đã bị khống chế, đã khống chế được, đã can ngăn được, đã được can ra,' +
      'was arrested, were arrested, been arrested, was subdued, were dispersed, dispersed',
    // 'bị bắt đi' is taken away, 'bắt cóc' kidnapped, 'khống chế bằng dao' held at knifepoint.
    notFollowedBy: 'đi, cóc, mất, làm, bằng, một phần',
  },
];

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
    'robbing, robbery, mugging, mugged, threatening, threatened, chasing, robbed, being robbed,' +
    'robber, robbers, mugger',
};

/** A pattern of behaviour rather than one moment ("hay đánh vợ", "thường xuyên"). */
export const HABITUAL = {
  phrases:
    'thường xuyên, nhiều lần, hàng đêm, hàng ngày, mỗi đêm, mỗi ngày, often, always, usually,' +
    'hay đánh, hay đánh đập, hay bạo hành, hay hành hạ, thường hay',
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
    'không có người nào, không người nào, không hề, chưa hề, không thấy ai',
  // Unmarked 'cha' is father, 'hong' may be 'hồng'.
  exact: 'chả, hông',
};

/**
 * English negations. They deny English phrases only: before a Vietnamese phrase 'no' is 'nó'
 * (he, she, it) typed without marks ("no co dao").
 */
export const NEGATION_EN = {
  phrases:
    'no, not, no one, nobody, never, none, isnt, wasnt, arent, werent, dont, didnt, doesnt,' +
    'no one was, nobody was, no one is, nobody is, no one got, nobody got, no one has been,' +
    "nobody has been, not been, was not, is not, were not, isn't, wasn't, aren't, weren't, don't," +
    "didn't, doesn't",
};
