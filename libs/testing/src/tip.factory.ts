import { randomInt } from 'node:crypto';

const STREETS = [
  'Khánh Hội',
  'Hoàng Diệu',
  'Tôn Thất Thuyết',
  'Bến Vân Đồn',
  'Đoàn Văn Bơ',
  'Vĩnh Khánh',
  'Xóm Chiếu',
  'Tôn Đản',
];

/** A realistic, unique intake body (operator channel), overridable per test. */
export function newTip(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const street = STREETS[randomInt(STREETS.length)];
  const house = randomInt(1, 400);
  const plate = `59-${String.fromCharCode(65 + randomInt(26))}${randomInt(1, 9)} ${randomInt(100, 999)}.${randomInt(10, 99)}`;
  return {
    channel: 'hotline',
    category: 'theft',
    ward: 'Phường 1',
    description: `Khoảng ${randomInt(6, 23)} giờ hôm nay có người lạ đi xe máy biển số ${plate} lấy trộm xe đạp trước nhà số ${house} ${street}, người dân đã thấy rõ mặt.`,
    anonymous: true,
    ...overrides,
  };
}
