/**
 * Vietnamese raw material for the scenario: District 4 streets and landmarks, names, people
 * descriptions, vehicles, licence plates and phone numbers. Everything that could identify an
 * event (house number on a street, plate, phone) is drawn through a UniqueRegistry so that two
 * different events never share one by accident; only true duplicates share them on purpose.
 */
import { Rng } from './prng';

export const DISTRICT4_STREETS = [
  'Khánh Hội',
  'Hoàng Diệu',
  'Tôn Thất Thuyết',
  'Nguyễn Tất Thành',
  'Bến Vân Đồn',
  'Đoàn Văn Bơ',
  'Vĩnh Khánh',
  'Xóm Chiếu',
  'Lê Văn Linh',
  'Tôn Đản',
] as const;

/** Noun phrases; templates put their own preposition ("gần {landmark}"). */
export const LANDMARKS = [
  'chợ Xóm Chiếu',
  'chân cầu Calmette',
  'cầu Ông Lãnh',
  'Bến Nhà Rồng',
  'phố ẩm thực Vĩnh Khánh',
  'chợ Khánh Hội',
  'trạm xe buýt',
  'tiệm tạp hóa đầu hẻm',
  'cổng trường tiểu học',
  'bờ kênh Bến Nghé',
  'khu chung cư cũ',
  'quán cà phê góc đường',
  'nhà thờ',
  'công viên nhỏ của phường',
] as const;

export const ESCAPE_ROUTES = [
  'cầu Calmette',
  'cầu Ông Lãnh',
  'cầu Khánh Hội',
  'hướng Quận 7',
  'hướng Quận 1',
  'đường Nguyễn Tất Thành',
  'đường Tôn Đản',
  'đường Khánh Hội',
  'hướng cầu Kênh Tẻ',
] as const;

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 30],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Huỳnh', 5],
  ['Hoàng', 3],
  ['Phan', 4],
  ['Võ', 4],
  ['Vũ', 2],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 2],
  ['Hồ', 2],
  ['Ngô', 2],
  ['Dương', 1],
  ['Lý', 1],
  ['Trương', 1],
  ['Lâm', 1],
];
const MIDDLE_MALE = [
  'Văn',
  'Minh',
  'Quốc',
  'Hữu',
  'Đức',
  'Thanh',
  'Hoàng',
  'Công',
  'Gia',
  'Tấn',
  'Trọng',
];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Mỹ', 'Kim', 'Bảo', 'Phương', 'Hồng', 'Thùy'];
const GIVEN_MALE = [
  'An',
  'Bảo',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Huy',
  'Khang',
  'Khoa',
  'Long',
  'Lộc',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phát',
  'Phúc',
  'Quân',
  'Sơn',
  'Tài',
  'Thành',
  'Thắng',
  'Tiến',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
  'Tùng',
  'Kiệt',
];
const GIVEN_FEMALE = [
  'Anh',
  'Châu',
  'Diễm',
  'Dung',
  'Giang',
  'Hà',
  'Hân',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Nhi',
  'Oanh',
  'Phượng',
  'Quyên',
  'Tâm',
  'Thảo',
  'Thủy',
  'Trang',
  'Trâm',
  'Uyên',
  'Vy',
  'Yến',
];

export function vietName(
  rng: Rng,
  gender: 'male' | 'female' = rng.chance(0.55) ? 'male' : 'female',
): string {
  const surname = rng.weighted(SURNAMES);
  const male = gender === 'male';
  const middle = rng.pick(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  // "Hồ Minh Minh" is not a name: the given name differs from the middle one.
  const given = rng.pick((male ? GIVEN_MALE : GIVEN_FEMALE).filter((g) => g !== middle));
  return `${surname} ${middle} ${given}`;
}

/** ASCII slug for e-mail local parts: "Nguyễn Thị Hằng" → "hang.nguyen". */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

const BUILD_ANY = [
  'dáng gầy',
  'người thấp, đậm',
  'cao khoảng 1m70',
  'tóc nhuộm vàng',
  'có hình xăm trên cánh tay',
  'đeo khẩu trang đen',
  'đeo kính cận',
  'da ngăm',
  'nói giọng miền Tây',
];
const BUILD_MALE = ['đầu cạo trọc', 'để râu quai nón', 'tóc húi cua', 'xăm kín lưng'];
const BUILD_FEMALE = ['tóc dài buộc sau', 'tóc ngắn uốn xoăn'];
const CLOTHES = [
  'mặc áo thun đen, quần jean',
  'mặc áo khoác gió màu xanh',
  'mặc áo sơ mi trắng',
  'mặc áo ba lỗ, quần đùi',
  'đội nón bảo hiểm màu đỏ',
  'đội mũ lưỡi trai trắng',
  'mặc áo khoác xe ôm công nghệ',
  'mặc áo hoodie xám',
  'mang dép lào, quần tây',
  'đeo ba lô đen',
];

/** e.g. "nam thanh niên khoảng 25 tuổi, dáng gầy, mặc áo thun đen, quần jean". */
export function personDescription(rng: Rng): string {
  const male = rng.chance(0.82);
  const age = rng.int(17, 55);
  const who = male
    ? age < 30
      ? 'nam thanh niên'
      : 'người đàn ông'
    : age < 30
      ? 'cô gái'
      : 'người phụ nữ';
  const build = rng.pick([...BUILD_ANY, ...(male ? BUILD_MALE : BUILD_FEMALE)]);
  return `${who} khoảng ${Math.round(age / 5) * 5} tuổi, ${build}, ${rng.pick(CLOTHES)}`;
}

const MOTORBIKES = [
  'xe máy Honda Wave màu đỏ',
  'xe Exciter màu xanh đen',
  'xe Air Blade màu trắng',
  'xe SH màu đen',
  'xe Vision màu xám',
  'xe Sirius màu đen',
  'xe Winner màu đỏ đen',
  'xe Dream cũ màu nâu',
  'xe Lead màu trắng',
  'xe Future màu xanh',
  'xe Vespa màu vàng',
];
const CARS = [
  'ô tô Toyota Vios màu bạc',
  'ô tô Kia Morning màu trắng',
  'ô tô 7 chỗ Innova màu xám',
  'xe tải nhỏ màu xanh',
  'ô tô Mazda 3 màu đỏ',
  'xe bán tải Ford Ranger màu đen',
];
const MOTO_SERIES = [
  'X1',
  'X2',
  'T1',
  'T2',
  'H1',
  'D2',
  'P1',
  'F1',
  'C1',
  'K1',
  'L1',
  'M1',
  'N1',
  'S1',
  'V1',
  'U1',
  'G1',
  'Y1',
  'Z1',
  'B1',
];
const CAR_SERIES = ['51F', '51G', '51H', '51K', '51A', '51D', '50H', '51C'];

export const ITEMS = [
  'điện thoại iPhone 14 Pro Max',
  'điện thoại Samsung Galaxy S23',
  'túi xách có khoảng 5 triệu đồng tiền mặt',
  'sợi dây chuyền vàng 2 chỉ',
  'máy tính xách tay Dell',
  'ví da có giấy tờ tùy thân',
  'xe máy Honda Vision',
  'đồng hồ đeo tay',
  'két sắt mini',
  'hai chiếc xe đạp',
  'bình gas và nồi cơm điện',
  'chiếc máy tính bảng iPad',
];
export const AMOUNTS = [
  '3 triệu đồng',
  '5 triệu đồng',
  '7 triệu đồng',
  '12 triệu đồng',
  '15 triệu đồng',
  '20 triệu đồng',
  '35 triệu đồng',
  '50 triệu đồng',
  '80 triệu đồng',
  '120 triệu đồng',
  '250 triệu đồng',
];

const MOBILE_PREFIXES = ['090', '091', '093', '094', '096', '097', '098', '099'];

/**
 * Hands out identifying details once. Keys are normalised (digits of a phone, letters and digits
 * of a plate, main house number + street of an address) so look-alike spellings also collide.
 */
export class UniqueRegistry {
  private readonly seen = new Set<string>();

  take(kind: string, draw: () => string, normalise: (v: string) => string = (v) => v): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const value = draw();
      const key = `${kind}:${normalise(value)}`;
      if (!this.seen.has(key)) {
        this.seen.add(key);
        return value;
      }
    }
    throw new Error(`UniqueRegistry: ran out of ${kind} values`);
  }

  phone(rng: Rng): string {
    return this.take(
      'phone',
      () => `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
    );
  }

  /** A vehicle description and its plate, "59-X1 234.56" for motorbikes, "51F-123.45" for cars. */
  vehicle(rng: Rng): { veh: string; plate: string } {
    const car = rng.chance(0.18);
    const plate = this.take(
      'plate',
      () => {
        const tail = `${String(rng.int(0, 999)).padStart(3, '0')}.${String(rng.int(0, 99)).padStart(2, '0')}`;
        return car
          ? `${rng.pick(CAR_SERIES)}-${tail}`
          : `${rng.weighted([
              ['59', 8],
              ['50', 1],
              ['51', 1],
            ] as const)}-${rng.pick(MOTO_SERIES)} ${tail}`;
      },
      (v) => v.replace(/[^0-9A-Z]/g, ''),
    );
    return { veh: rng.pick(car ? CARS : MOTORBIKES), plate };
  }

  /** "125 Đoàn Văn Bơ" or "125/7 Đoàn Văn Bơ"; the main number is unique per street. */
  address(rng: Rng, street: string): string {
    return this.take(
      'address',
      () => {
        const main = rng.int(1, 480);
        return rng.chance(0.35) ? `${main}/${rng.int(1, 40)} ${street}` : `${main} ${street}`;
      },
      (v) => v.replace(/\/\d+/, ''),
    );
  }

  link(rng: Rng): string {
    return this.take('link', () => {
      const name = rng.pick(['nhacai', 'vin', 'fb88x', 'kubet', 'go88', 'sunwin', 'w88vn', 'bet']);
      return `https://${name}${rng.int(10, 999)}.${rng.pick(['vip', 'club', 'com', 'net', 'live'])}`;
    });
  }
}

/** Spoken/written phone styles: "0903 123 456", "0903.123.456" or plain digits. */
export function formatPhone(rng: Rng, digits: string): string {
  const style = rng.int(0, 2);
  if (style === 0) return digits;
  const sep = style === 1 ? ' ' : '.';
  return `${digits.slice(0, 4)}${sep}${digits.slice(4, 7)}${sep}${digits.slice(7)}`;
}
