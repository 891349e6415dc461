/** Fixed lists the public API accepts. Wards are configuration (config/wards.json), not code. */

export const CHANNELS = ['hotline', 'walk_in', 'web', 'app', 'patrol'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CATEGORIES = [
  'theft',
  'robbery',
  'assault',
  'homicide',
  'drugs',
  'weapons',
  'gambling',
  'fraud',
  'public_disorder',
  'domestic_violence',
  'child_abuse',
  'human_trafficking',
  'traffic',
  'fire_safety',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, { vi: string; en: string }> = {
  theft: { vi: 'Trộm cắp tài sản', en: 'Theft' },
  robbery: { vi: 'Cướp, cướp giật tài sản', en: 'Robbery and snatching' },
  assault: { vi: 'Cố ý gây thương tích', en: 'Assault' },
  homicide: { vi: 'Giết người', en: 'Homicide' },
  drugs: { vi: 'Ma túy', en: 'Drugs' },
  weapons: { vi: 'Vũ khí, vật liệu nổ, hung khí', en: 'Weapons and explosives' },
  gambling: { vi: 'Đánh bạc, tổ chức đánh bạc', en: 'Gambling' },
  fraud: { vi: 'Lừa đảo chiếm đoạt tài sản', en: 'Fraud' },
  public_disorder: { vi: 'Gây rối trật tự công cộng', en: 'Public disorder' },
  domestic_violence: { vi: 'Bạo lực gia đình', en: 'Domestic violence' },
  child_abuse: { vi: 'Xâm hại trẻ em', en: 'Child abuse' },
  human_trafficking: { vi: 'Mua bán người', en: 'Human trafficking' },
  traffic: { vi: 'Trật tự an toàn giao thông', en: 'Traffic safety' },
  fire_safety: { vi: 'Phòng cháy chữa cháy', en: 'Fire safety' },
  other: { vi: 'Khác', en: 'Other' },
};

export const CASE_KINDS = ['criminal', 'administrative'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** The penal code's four levels: ít nghiêm trọng / nghiêm trọng / rất nghiêm trọng / đặc biệt nghiêm trọng. */
export const SEVERITIES = [
  'less_serious',
  'serious',
  'very_serious',
  'especially_serious',
] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TIP_STAGES = [
  'received',
  'triaged',
  'needs_review',
  'duplicate',
  'rejected',
  'lead_open',
  'lead_claimed',
  'linked',
  'dismissed',
] as const;
export type TipStage = (typeof TIP_STAGES)[number];
