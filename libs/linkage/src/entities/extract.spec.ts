import { addressesDisagree, extractEntities, sharedEntities } from './extract';

describe('extractEntities: phones', () => {
  it('normalizes mobile numbers in the usual spellings', () => {
    const text =
      'Đối tượng dùng số 0901 234 567, có lúc gọi bằng 090.765.4321 hoặc +84 38-123-4567, ' +
      'zalo 84912345678, số cũ 0587654321.';
    expect(extractEntities(text).phones).toEqual([
      '0901234567',
      '0907654321',
      '0381234567',
      '0912345678',
      '0587654321',
    ]);
  });

  it('recognizes HCMC landlines', () => {
    expect(
      extractEntities('Gọi cho tiệm cầm đồ (028) 3940 1234 hoặc 028.3826.1111').phones,
    ).toEqual(['02839401234', '02838261111']);
  });

  it('deduplicates the same number written two ways', () => {
    expect(extractEntities('SĐT 0901234567, tức là +84901234567').phones).toEqual(['0901234567']);
  });

  it('ignores money amounts, plates, dates and numbers of the wrong length', () => {
    const text =
      'Bị lừa 5.000.000 đồng ngày 12/03/2025, xe biển 59X1-23456, mã đơn 09012345678, ' +
      'số 012345678, CMND 079123456789.';
    expect(extractEntities(text).phones).toEqual([]);
  });
});

describe('extractEntities: plates', () => {
  it('normalizes the usual plate spellings', () => {
    const text =
      'Xe máy biển số 59-X1 234.56 chở 2 người, sau đó đổi sang xe 59X1-23456; ' +
      'ô tô 51F-123.45 và 51F12345 đậu gần đó, thêm xe 59-T1 123.45 và 51g 888.88.';
    expect(extractEntities(text).plates).toEqual([
      '59X123456',
      '51F12345',
      '59T112345',
      '51G88888',
    ]);
  });

  it('does not read times, wards or street numbers as plates', () => {
    const text =
      'Lúc 22h30 ngày 5 tháng 3 tại số 45 Khánh Hội, Phường 13, Quận 4, có 2 xe máy, mất 1.500.000 đồng.';
    expect(extractEntities(text).plates).toEqual([]);
  });
});

describe('extractEntities: addresses', () => {
  it('folds house numbers and known District 4 streets', () => {
    const text =
      'Tối qua khoảng 22h có 2 thanh niên đi xe máy giật túi xách của phụ nữ trước số 45 Khánh Hội, Phường 1. ' +
      'Chúng chạy về 123/4 Hoàng Diệu rồi vào hẻm 12 Tôn Đản, sau đó tới số 7 đường Vĩnh Khánh ' +
      'và 200 Tôn Thất Thuyết.';
    expect(extractEntities(text).addresses).toEqual([
      '45 khanh hoi',
      '123/4 hoang dieu',
      'hem 12 ton dan',
      '7 vinh khanh',
      '200 ton that thuyet',
    ]);
  });

  it('accepts text typed without diacritics', () => {
    expect(extractEntities('co nguoi ban ma tuy o so 18 duong Ben Van Don').addresses).toEqual([
      '18 ben van don',
    ]);
  });

  it('uses the generic "<number> đường <Name>" pattern for other streets', () => {
    const text =
      'Nhóm này hay tụ tập ở 88 đường Trần Hưng Đạo, Quận 1 và 12B đường Nguyễn Hữu Hào Phường 6.';
    expect(extractEntities(text).addresses).toEqual(['88 tran hung dao', '12b nguyen huu hao']);
    expect(
      extractEntities('Kho hàng ở 300 đường Nguyễn Tất Thành, 5 đường Lê Lợi Thành Phố Hồ Chí Minh')
        .addresses,
    ).toEqual(['300 nguyen tat thanh', '5 le loi']);
  });

  it('does not take times, wards or districts for house numbers', () => {
    const text = 'Lúc 22h Khánh Hội có đánh nhau, ở Phường 2 Tôn Đản và Quận 4 Hoàng Diệu.';
    expect(extractEntities(text).addresses).toEqual([]);
  });

  it('includes the address field, parsed when possible and verbatim otherwise', () => {
    expect(extractEntities('Có trộm', 'Số 45 Khánh Hội, Phường 1, Quận 4').addresses).toEqual([
      '45 khanh hoi',
    ]);
    expect(extractEntities('Có trộm ở 45 Khánh Hội', '45 Khánh Hội').addresses).toEqual([
      '45 khanh hoi',
    ]);
    expect(extractEntities('Có trộm', 'Chung cư Khánh Hội 2, lô B').addresses).toEqual([
      'chung cu khanh hoi 2 lo b',
    ]);
    expect(extractEntities('Có trộm', null).addresses).toEqual([]);
    expect(extractEntities('Có trộm', '  ').addresses).toEqual([]);
  });
});

describe('sharedEntities', () => {
  it('lists shared phones, plates and addresses as short labels', () => {
    const a = extractEntities(
      'Đối tượng đi xe 59-X1 234.56, số điện thoại 0901 234 567, bán ma túy tại số 45 Khánh Hội.',
    );
    const b = extractEntities(
      'Thấy xe 59X1-23456 đậu trước 45 Khánh Hội, liên lạc qua +84901234567 và 0912345678.',
    );
    expect(sharedEntities(a, b)).toEqual([
      'phone 0901234567',
      'plate 59X123456',
      'address 45 khanh hoi',
    ]);
  });

  it('returns nothing for unrelated tips and never includes tip text', () => {
    const a = extractEntities('Mất xe máy ở 12 Tôn Đản, liên hệ 0901234567');
    const b = extractEntities('Đánh nhau ở 7 Vĩnh Khánh, xe 51F-123.45');
    expect(sharedEntities(a, b)).toEqual([]);
  });
});

describe('addressesDisagree', () => {
  it('is true when both tips name houses and none is in the same alley or house', () => {
    const a = extractEntities('Đánh bài ăn tiền trong phòng trọ cuối hẻm 132 Bến Vân Đồn.');
    const b = extractEntities('Đánh bài ăn tiền trong phòng trọ cuối hẻm 229 Bến Vân Đồn.');
    expect(addressesDisagree(a, b)).toBe(true);
    expect(
      addressesDisagree(
        extractEntities('Karaoke số 21/24 Xóm Chiếu'),
        extractEntities('Karaoke số 432 Hoàng Diệu'),
      ),
    ).toBe(true);
  });

  it('treats a house in an alley and the alley itself as the same place', () => {
    const house = extractEntities('Trộm xe trước số 132/5 Bến Vân Đồn');
    expect(addressesDisagree(house, extractEntities('Trộm xe ở hẻm 132 Bến Vân Đồn'))).toBe(false);
    expect(addressesDisagree(house, extractEntities('Trộm xe ở 132 Bến Vân Đồn'))).toBe(false);
  });

  it('is false when either tip names no parsed address', () => {
    const a = extractEntities('Trộm xe trước số 45 Khánh Hội');
    expect(addressesDisagree(a, extractEntities('Trộm xe ở chợ Xóm Chiếu'))).toBe(false);
    expect(addressesDisagree(a, extractEntities('Trộm xe', 'Chung cư Khánh Hội 2, lô B'))).toBe(
      false,
    );
  });
});
