import { addressesDisagree, entityValueRows, extractEntities, sharedEntities } from './extract';

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

describe('extractEntities: named places', () => {
  const places = (text: string, address?: string) => extractEntities(text, address).landmarks;

  it('keys a place by its kind and name, however the witness writes it', () => {
    expect(places('Cháy nhà gần chợ Xóm Chiếu, khói đen bốc cao')).toEqual(['cho xom chieu']);
    expect(places('chay lon o hem sau cho Xom Chieu')).toEqual(['cho xom chieu']);
    // Typed in lower case without marks: the district's own names are known.
    expect(places('giat dien thoai o chan cau kenh te roi chay')).toEqual(['cau kenh te']);
    expect(places('Học sinh đánh nhau trước cổng trường THCS Vân Đồn')).toEqual(['truong van don']);
    expect(places('hs danh nhau truoc truong Van Don')).toEqual(['truong van don']);
    expect(places('Vali lạ cạnh cây xăng trên đường Tôn Thất Thuyết')).toEqual([
      'cay xang ton that thuyet',
    ]);
    expect(places('Tụ tập ở Bến Nhà Rồng và công viên Khánh Hội')).toEqual([
      'ben nha rong',
      'cong vien khanh hoi',
    ]);
  });

  it('keys a crossing by its two streets in either order', () => {
    const a = places('Hai nhóm đánh nhau ở ngã tư Hoàng Diệu - Lê Quốc Hưng');
    expect(a).toEqual(['giao lo hoang dieu le quoc hung']);
    expect(places('gây rối tại giao lộ Lê Quốc Hưng và Hoàng Diệu, có hung khí')).toEqual(a);
    expect(places('giao lộ Hoàng Diệu – Lê Quốc Hưng')).toEqual(a);
  });

  it('takes a building in a named block and the place a place is named after', () => {
    expect(places('Cháy ở chung cư H3 Hoàng Diệu, tầng 4')).toEqual([
      'chung cu h3 hoang dieu',
      'chung cu h3',
    ]);
    expect(places('đuối nước đối diện chợ Cầu Ông Lãnh')).toEqual([
      'cho cau ong lanh',
      'cau ong lanh',
    ]);
  });

  it('takes an alley, from a house in it or from the alley itself', () => {
    expect(places('Nhà số 56/12 Lê Văn Linh bị trộm')).toEqual(['hem 56 le van linh']);
    expect(places('Camera ở hẻm 56 Lê Văn Linh quay được')).toEqual(['hem 56 le van linh']);
    expect(places('Trộm ở số 45 Khánh Hội')).toEqual([]);
  });

  it('leaves out streets, directions, unnamed places and words that only look like places', () => {
    // 'Bến Vân Đồn' is a street; where the robbers ran is not the scene.
    expect(places('Có người rơi xuống kênh đoạn Bến Vân Đồn')).toEqual([]);
    expect(places('giật túi rồi chạy về hướng cầu Calmette')).toEqual([]);
    expect(places('mất xe ở bãi giữ xe trước nhà thờ, trong giờ lễ')).toEqual([]);
    // 'cho' written without marks in a marked text is 'to give', not 'chợ'.
    expect(places('Nó bán cho Tèo 2 gói ma túy ở hẻm')).toEqual([]);
    // All capitals: names cannot be told from the rest, only known names are taken.
    expect(places('CHÁY NHÀ GẦN CHỢ XÓM CHIẾU KHÓI ĐEN')).toEqual(['cho xom chieu']);
  });

  it('reads the address field too', () => {
    expect(places('Có vali lạ bỏ lại', 'Cây xăng Tôn Thất Thuyết')).toEqual([
      'cay xang ton that thuyet',
    ]);
  });
});

describe('extractEntities: people and streets', () => {
  const people = (text: string) => extractEntities(text).people;

  it('takes a name after a title, with or without marks', () => {
    expect(people('Sáng nay thằng Tèo xăm trổ lại tới chợ thu tiền')).toEqual(['teo']);
    expect(people('phản ánh đối tượng tên Tèo, xăm kín hai tay')).toEqual(['teo']);
    expect(people('Bà Sáu bán vé số bị giật túi')).toEqual(['sau']);
    expect(people('ba Sau ve so bi giat tui tien')).toEqual(['sau']);
    expect(people('Anh Ba Lùn cho vay nặng lãi')).toEqual(['ba lun']);
  });

  it('takes no name where there is none, nor one that is part of a place', () => {
    expect(people('Con gái tôi 5 tuổi đi lạc, chị ấy đang tìm')).toEqual([]);
    expect(people('Có người rơi xuống kênh gần cầu Ông Lãnh')).toEqual([]);
    expect(people('ÔNG TƯ Ở ĐẦU HẺM BỊ CƯỚP XE')).toEqual([]);
  });

  it('lists the District 4 streets a tip mentions', () => {
    expect(
      extractEntities('Cháy gần ngã tư Đoàn Văn Bơ - Tôn Đản', 'số 88 Đoàn Văn Bơ').streets,
    ).toEqual(['doan van bo', 'ton dan']);
    expect(extractEntities('nguoi te song ben van don').streets).toEqual(['ben van don']);
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

  it('lists shared places, people and streets after the identifying entities', () => {
    const a = extractEntities('Thằng Tèo thu tiền bảo kê ở chợ Khánh Hội, đường Hoàng Diệu');
    const b = extractEntities('Tiểu thương chợ Khánh Hội báo đối tượng tên Tèo đập phá sạp');
    expect(sharedEntities(a, b)).toEqual(['landmark cho khanh hoi', 'person teo']);
    expect(
      sharedEntities(
        extractEntities('Karaoke trên đường Vĩnh Khánh hát tới 2h sáng'),
        extractEntities('Quán số 150 Vĩnh Khánh hát hò ồn ào'),
      ),
    ).toEqual(['street vinh khanh']);
  });

  it('names an alley given as an address on both sides once, and no street it holds', () => {
    const a = extractEntities('Trộm chó ở hẻm 18 Tôn Đản');
    expect(sharedEntities(a, extractEntities('Nhà trong hẻm 18 Tôn Đản mất chó'))).toEqual([
      'address hem 18 ton dan',
    ]);
    expect(sharedEntities(a, extractEntities('Nhà 18/3 Tôn Đản mất chó'))).toEqual([
      'landmark hem 18 ton dan',
    ]);
  });

  it('compares entities stored before places, people and streets were extracted', () => {
    const old = { phones: [], plates: [], addresses: ['45 khanh hoi'] };
    const now = extractEntities('Trộm ở số 45 Khánh Hội gần chợ Khánh Hội');
    expect(sharedEntities(now, old)).toEqual(['address 45 khanh hoi']);
    expect(addressesDisagree(now, old)).toBe(false);
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

  it('is true when both name a place of one kind and none is the same', () => {
    expect(
      addressesDisagree(
        extractEntities('Học sinh đánh nhau trước cổng trường THCS Vân Đồn'),
        extractEntities('Học sinh trường Khánh Hội A đánh nhau ở bãi đất sau trường'),
      ),
    ).toBe(true);
    // The same block named shorter or longer is the same place.
    expect(
      addressesDisagree(
        extractEntities('Cháy ở chung cư H3 Hoàng Diệu'),
        extractEntities('Cư dân chung cư Hoàng Diệu phản ánh'),
      ),
    ).toBe(false);
    // Places of different kinds (a market, a bridge) can both be near one scene.
    expect(
      addressesDisagree(
        extractEntities('Giật túi gần chợ Xóm Chiếu'),
        extractEntities('Giật túi ở chân cầu Kênh Tẻ'),
      ),
    ).toBe(false);
  });

  it('is false when either tip names no parsed address', () => {
    const a = extractEntities('Trộm xe trước số 45 Khánh Hội');
    expect(addressesDisagree(a, extractEntities('Trộm xe ở chợ Xóm Chiếu'))).toBe(false);
    expect(addressesDisagree(a, extractEntities('Trộm xe', 'Chung cư Khánh Hội 2, lô B'))).toBe(
      false,
    );
  });
});

describe('entityValueRows', () => {
  it('stores every kind worth searching by, but not streets', () => {
    const e = extractEntities(
      'Thằng Tèo đi xe 59-X1 234.56, gọi 0901 234 567, ở số 45 Khánh Hội gần chợ Xóm Chiếu',
    );
    expect(entityValueRows(e)).toEqual({
      kinds: ['phone', 'plate', 'address', 'landmark', 'person'],
      values: ['0901234567', '59X123456', '45 khanh hoi', 'cho xom chieu', 'teo'],
    });
    expect(entityValueRows({ phones: [], plates: [], addresses: ['45 khanh hoi'] })).toEqual({
      kinds: ['address'],
      values: ['45 khanh hoi'],
    });
  });
});
