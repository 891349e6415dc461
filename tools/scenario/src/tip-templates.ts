/**
 * Vietnamese wording for tips. A description is an opening (depends on the channel) + one text of
 * the event's story (filled with the event's details) + a closing. Later reports of the same event
 * use another text of the same story over the same details, so two citizens describe one event in
 * their own words while sharing concrete facts (plate, phone, house number).
 *
 * Placeholders: {addr} house number + street, {street}, {landmark}, {when}/{When} time phrase,
 * {veh} vehicle, {plate}, {phone}, {person} people description, {n} head count, {item},
 * {amount}, {escape} escape route, {ward}. A capitalised placeholder capitalises its value.
 */
import type { Category, Channel } from '@app/contracts';

/**
 * One kind of event ("a shop was broken into at night") told in several ways: texts[0] is how
 * the first reporter tells it, the others are how another witness would. A text in the first
 * person ("tôi") is a victim's or relative's account, so patrols and duplicates avoid it.
 */
export interface Story {
  texts: string[];
  /** A citizen handing in weapons or explosives (the review's "giao nộp hung khí, vũ khí, vật liệu nổ"). */
  handIn?: boolean;
}

const story = (...texts: string[]): Story => ({ texts });
const handIn = (...texts: string[]): Story => ({ texts, handIn: true });

export function isFirstPerson(text: string): boolean {
  return /(^|[\s,.;:"(])[Tt]ôi(?=[\s,.;:")]|$)/.test(text);
}

export const STORIES: Record<Category, Story[]> = {
  theft: [
    story(
      '{When}, trước nhà số {addr} (gần {landmark}), {person} đi {veh} biển số {plate} lấy trộm {item} rồi chạy về {escape}.',
      'Vừa thấy một vụ trộm trước số {addr}: kẻ trộm là {person}, lên {veh} biển số {plate} chạy về {escape}, {when}.',
    ),
    story(
      'Nhà tôi ở số {addr} bị mất trộm {item} {when}. Camera nhà hàng xóm ghi được hình {person}, đi {veh} biển số {plate}.',
      'Nhà số {addr} bị trộm đột nhập {when}; camera khu phố thấy kẻ trộm đi {veh} biển số {plate}.',
    ),
    story(
      'Phát hiện {person} lảng vảng bẻ khóa xe máy trong hẻm {addr}, {when}. Đối tượng đi {veh}, biển số {plate}.',
      'Trong hẻm {addr} có kẻ đang bẻ khóa xe máy, {when}; hắn đi {veh} biển số {plate}, người dân hô hoán thì bỏ chạy.',
    ),
    story(
      'Tiệm tạp hóa số {addr} bị kẻ gian cạy cửa lấy {item} {when}. Chủ tiệm nghi {person}, người này hay lui tới khu vực gần {landmark}.',
      'Sáng ra thấy cửa tiệm tạp hóa số {addr}, đường {street} bị cạy, mất {item}; hàng xóm nói đêm qua có {person} đứng lấp ló.',
    ),
    story(
      '{When}, một xe máy dựng trước số {addr} bị trộm. Nhân chứng thấy {person} dắt xe đi rồi leo lên {veh} biển số {plate} do đồng bọn chở.',
      'Xe máy của khách dựng trước số {addr} bị hai tên trộm dắt đi {when}; một tên chạy {veh} biển số {plate} đi kèm.',
    ),
    story(
      'Nhóm {n} người chuyên trộm điện thoại của khách ngồi quán trên đường {street}; {when} chúng lấy {item} của khách trước số {addr}. Một tên rao bán lại đồ qua số {phone}.',
      'Khách ngồi quán trước số {addr} bị trộm {item} {when}; nhóm trộm này hay bán lại đồ qua số {phone}.',
    ),
    story(
      'Tôi để {item} trong cốp xe trước cửa số {addr}, {when} quay ra thì mất. Có người thấy {person} mở cốp xe rồi đi bộ về phía {landmark}.',
      'Thấy {person} mở cốp một xe máy dựng trước số {addr} lấy đồ rồi đi về phía {landmark}, {when}.',
    ),
  ],
  robbery: [
    story(
      '{When}, trên đoạn đường trước số {addr}, {n} thanh niên đi {veh} biển số {plate} áp sát giật {item} của một phụ nữ đi đường rồi tẩu thoát về {escape}.',
      'Một phụ nữ bị giật đồ ngay trước số {addr} {when}; bọn cướp đi {veh} biển số {plate}, chạy về {escape}.',
      'Vừa có vụ cướp giật trước số {addr}, người bị giật té xuống đường; xe cướp là {veh}, biển số {plate}.',
    ),
    story(
      'Tôi bị giật {item} {when} khi đi bộ ngang số {addr}. Kẻ giật là {person}, chạy {veh}, tôi nhớ biển số {plate}.',
      'Chứng kiến {person} chạy {veh} biển số {plate} giật đồ của người đi bộ ngang số {addr}, {when}.',
    ),
    story(
      '{When}, {n} đối tượng cầm dao uy hiếp chủ tiệm điện thoại số {addr}, cướp {item} và khoảng {amount} tiền mặt. Một tên là {person}.',
      'Tiệm điện thoại số {addr}, đường {street} vừa bị cướp có dao, {when}; một tên cướp là {person}.',
    ),
    story(
      'Một tài xế xe ôm công nghệ bị {person} đặt chuyến tới hẻm {addr} rồi dùng dao khống chế, cướp {veh} biển số {plate}, {when}.',
      'Tài xế công nghệ bị cướp xe trong hẻm {addr} {when}; chiếc xe bị cướp là {veh} biển số {plate}.',
    ),
    story(
      'Nghi có nhóm cướp giật hoạt động quanh {landmark}, đường {street}. {When} chúng giật túi xách của khách trước số {addr}, đi {veh} biển số {plate}.',
      'Khách du lịch bị giật túi xách trước số {addr} (gần {landmark}) {when}; bọn giật đi {veh} biển số {plate}.',
    ),
    story(
      'Mẹ tôi đang bán hàng trước số {addr} thì bị {person} xông vào giật sợi dây chuyền vàng, {when}. Đối tượng chạy bộ về phía {escape}.',
      'Bà bán hàng trước số {addr} bị {person} giật dây chuyền vàng {when}, đối tượng chạy bộ về phía {escape}.',
    ),
  ],
  assault: [
    story(
      '{When}, tại quán nhậu số {addr} (gần {landmark}) xảy ra xô xát, {person} dùng chai bia đánh một người chảy máu đầu rồi bỏ đi bằng {veh} biển số {plate}.',
      'Ở quán nhậu số {addr} có người bị đánh bằng chai bia chảy máu đầu, {when}; người đánh bỏ đi bằng {veh} biển số {plate}.',
    ),
    story(
      'Em trai tôi bị {n} người chặn đánh trước số {addr} {when}, phải đưa vào bệnh viện. Kẻ cầm đầu là {person}, hay dùng số {phone}.',
      'Thấy {n} người chặn đánh một thanh niên trước số {addr} {when}; kẻ cầm đầu là {person}, nghe nói hay dùng số {phone}.',
    ),
    story(
      'Mâu thuẫn giữa hai nhóm thanh niên trong hẻm {addr} dẫn đến đánh nhau {when}, một người bị chém vào tay. Đối tượng gây thương tích: {person}.',
      'Trong hẻm {addr} vừa có đánh nhau, một người bị chém vào tay, {when}; người chém là {person}.',
    ),
    story(
      'Một tài xế bị {person} đánh sau va chạm giao thông trước số {addr}, đường {street}, {when}. Đối tượng điều khiển {veh} biển số {plate}.',
      'Sau va chạm giao thông trước số {addr}, người điều khiển {veh} biển số {plate} xuống đánh tài xế kia, {when}.',
    ),
    story(
      '{When}, chủ nhà trọ số {addr} bị người thuê trọ nợ tiền dùng gậy đánh gây thương tích. Người này là {person}, số điện thoại {phone}.',
      'Chủ nhà trọ số {addr} bị người thuê trọ đánh bằng gậy {when}; người thuê trọ dùng số {phone}.',
    ),
    story(
      '{When}, nhóm {n} thanh niên xông vào tiệm sửa xe số {addr} đánh chủ tiệm bị thương nặng rồi lên {veh} biển số {plate} bỏ chạy về {escape}.',
      'Chủ tiệm sửa xe số {addr} bị nhóm thanh niên đánh trọng thương {when}; chúng chạy {veh} biển số {plate} về {escape}.',
    ),
  ],
  homicide: [
    story(
      '{When}, phát hiện một người đàn ông nằm bất động, nhiều vết đâm trên người trong hẻm {addr} (gần {landmark}). Người dân thấy {person} bỏ chạy bằng {veh} biển số {plate}.',
      'Có người bị đâm nằm bất động trong hẻm {addr} {when}; lúc đó thấy một người lên {veh} biển số {plate} bỏ chạy.',
    ),
    story(
      'Xảy ra án mạng tại nhà số {addr} {when}: hai anh em mâu thuẫn, người em dùng dao đâm người anh tử vong. Nghi phạm là {person}, đã bỏ trốn.',
      'Nhà số {addr}, đường {street} có người bị em ruột đâm chết {when}; người em là {person}, đã bỏ trốn.',
    ),
    story(
      '{When}, sau cuộc nhậu tại số {addr}, {person} dùng dao đâm một người tử vong tại chỗ rồi lên {veh} biển số {plate} chạy về {escape}.',
      'Án mạng sau cuộc nhậu ở số {addr} {when}: kẻ đâm người chạy {veh} biển số {plate} về {escape}.',
    ),
    story(
      'Phát hiện thi thể một phụ nữ trong phòng trọ số {addr}, đường {street}, {when}; cửa phòng khóa ngoài. Người sống chung là {person}, gọi số {phone} không được.',
      'Phòng trọ số {addr} bốc mùi, mở cửa thấy một phụ nữ đã chết {when}; người sống chung dùng số {phone}, hiện không liên lạc được.',
    ),
  ],
  drugs: [
    story(
      'Căn nhà số {addr} thường xuyên có người lạ ra vào lúc khuya, nghi mua bán ma túy. Người bán là {person}, khách gọi vào số {phone} để đặt hàng.',
      'Nghi nhà số {addr} bán ma túy: khách gọi số {phone} đặt rồi tới lấy, ra vào suốt đêm.',
    ),
    story(
      '{When}, thấy {person} đi {veh} biển số {plate} giao những gói nhỏ cho người khác ở đầu hẻm {addr}, nghi là ma túy đá.',
      'Ở đầu hẻm {addr} có người chạy {veh} biển số {plate} giao hàng nghi ma túy, {when}.',
    ),
    story(
      'Phòng trọ trên lầu số {addr} có nhóm {n} người tụ tập sử dụng ma túy, mở nhạc lớn suốt đêm; gần nhất là {when}.',
      'Nhóm thanh niên trên lầu số {addr}, đường {street} bay lắc, mở nhạc ầm ĩ {when}.',
    ),
    story(
      'Quán karaoke số {addr} (gần {landmark}) có dấu hiệu cho khách sử dụng ma túy, thuốc lắc. {When} có người thấy {person} đưa hàng cho khách trong phòng.',
      'Karaoke số {addr} cho khách dùng thuốc lắc; {when} thấy {person} mang hàng vào phòng khách.',
    ),
    story(
      'Đối tượng {person} chuyên bán ma túy cho thanh niên khu vực đường {street}, hay đứng trước số {addr}, liên lạc qua số {phone}, đi {veh} biển số {plate}.',
      'Có kẻ bán ma túy hay đứng trước số {addr}, đi {veh} biển số {plate}, liên lạc qua số {phone}.',
    ),
    story(
      'Ở bãi đất trống cạnh số {addr} (gần {landmark}) thường có {n} người ngồi tiêm chích; {when} phát hiện nhiều ống kim tiêm vứt bừa bãi.',
      'Bãi đất trống cạnh số {addr} có người tiêm chích ma túy, kim tiêm vứt đầy, {when}.',
    ),
  ],
  weapons: [
    story(
      '{When}, nhóm {n} thanh niên đi {veh} biển số {plate} mang theo mã tấu, dao tự chế chạy qua đường {street}, dừng trước số {addr} la hét thách thức.',
      'Có nhóm thanh niên cầm mã tấu tụ tập trước số {addr} {when}, xe dẫn đầu {veh} biển số {plate}.',
    ),
    story(
      'Nghi {person} cất giấu súng tự chế trong nhà số {addr}; hàng xóm nghe tiếng nổ như tiếng súng {when}.',
      'Nghe tiếng nổ như súng trong nhà số {addr}, đường {street}, {when}; nghi chủ nhà giấu súng tự chế.',
    ),
    story(
      'Có người rao bán súng bắn đạn bi, dao bấm qua mạng, hẹn giao hàng tại số {addr} (gần {landmark}), liên hệ số {phone}.',
      'Trên mạng có người bán súng bắn đạn bi, dao bấm, giao hàng ở số {addr}, số liên hệ {phone}.',
    ),
    story(
      '{When}, {person} cầm dao tự chế rượt đuổi người khác trên đường {street}, đoạn trước số {addr}, sau đó lên {veh} biển số {plate} bỏ đi.',
      'Trước số {addr} có người cầm dao tự chế rượt chém người {when}, rồi lên {veh} biển số {plate} bỏ đi.',
    ),
    handIn(
      'Người dân giao nộp 01 quả lựu đạn cũ phát hiện khi đào móng sửa nhà số {addr}, {when}. Đề nghị công an tiếp nhận, xử lý an toàn vật liệu nổ.',
    ),
    handIn(
      'Người dân giao nộp 01 khẩu súng tự chế và 05 viên đạn do người thân để lại tại nhà số {addr}; phát hiện {when} khi dọn nhà.',
    ),
    handIn(
      'Công dân tự nguyện giao nộp 02 con dao tự chế, 01 mã tấu thu gom được trong hẻm {addr} (gần {landmark}) {when}.',
    ),
    handIn(
      'Phát hiện vật nghi là đầu đạn pháo cũ dưới mé kênh gần số {addr}, đường {street}, {when}. Người dân đã rào khu vực, đề nghị thu giữ vật liệu nổ; gia đình xin giao nộp.',
    ),
    handIn(
      'Gia đình ở số {addr} giao nộp 01 súng hơi, 01 bình xịt hơi cay và 03 dao phóng lợn cất giữ từ lâu, hưởng ứng vận động giao nộp hung khí, vũ khí, vật liệu nổ.',
    ),
  ],
  gambling: [
    story(
      'Nhà số {addr} tổ chức đánh bài ăn tiền hàng đêm, khoảng {n} người tham gia, có người canh ở đầu hẻm. {When} vẫn đang đánh.',
      'Sòng bài trong nhà số {addr}, đường {street} đang hoạt động {when}, có người canh đầu hẻm.',
    ),
    story(
      'Có điểm ghi số đề tại tiệm tạp hóa số {addr} (gần {landmark}); người ghi đề là {person}, nhận ghi qua số {phone}.',
      'Tiệm tạp hóa số {addr} nhận ghi số đề, ghi qua điện thoại số {phone}.',
    ),
    story(
      '{When}, nhóm {n} người tụ tập đá gà ăn tiền trong bãi đất trống cạnh số {addr}, đường {street}. Xe dựng bên ngoài có {veh} biển số {plate}.',
      'Đang có đá gà ăn tiền cạnh số {addr} {when}; ngoài bãi có dựng {veh} biển số {plate}.',
    ),
    story(
      'Quán cà phê số {addr} cho khách cá độ bóng đá, chủ quán là {person}, nhận tiền cược chuyển khoản qua số {phone}.',
      'Cà phê số {addr} tổ chức cá độ bóng đá, nhận cược qua số {phone}.',
    ),
    story(
      'Tụ điểm đánh bài ăn tiền trong căn phòng trọ cuối hẻm {addr}; {when} có khoảng {n} người đang sát phạt.',
      'Cuối hẻm {addr} có phòng trọ tụ tập đánh bài ăn tiền {when}.',
    ),
  ],
  fraud: [
    story(
      'Tôi bị người tự xưng công an gọi từ số {phone}, yêu cầu chuyển {amount} để "xác minh tài khoản"; tôi đã chuyển {when}. Nhà tôi ở số {addr}.',
      'Người nhà ở số {addr} bị kẻ giả danh công an gọi từ số {phone} lừa chuyển {amount} {when}.',
    ),
    story(
      'Cửa hàng số {addr} nhận tiền cọc mua xe của nhiều người rồi đóng cửa; chủ cửa hàng là {person}, số {phone}, nay không liên lạc được.',
      'Cửa hàng xe số {addr}, đường {street} ôm tiền cọc của khách rồi đóng cửa; số chủ cửa hàng {phone} không liên lạc được.',
    ),
    story(
      '{When}, mẹ tôi ở số {addr} bị lừa mất {amount} khi một người đến nhà bán "thuốc chữa bệnh". Đối tượng là {person}, đi {veh} biển số {plate}.',
      'Bà cụ ở số {addr} bị một người bán "thuốc chữa bệnh" lừa {amount} {when}; người này đi {veh} biển số {plate}.',
    ),
    story(
      'Có người đăng tin tuyển cộng tác viên online, bắt nạp tiền làm nhiệm vụ, tôi đã mất {amount}. Số liên hệ của họ là {phone}. Tôi ở số {addr}.',
      'Hàng xóm ở số {addr} bị lừa làm "nhiệm vụ online", mất {amount}; kẻ lừa dùng số {phone}.',
    ),
    story(
      '{Person} vay tiền nhiều người trong khu phố đường {street}, tổng khoảng {amount}, hứa trả lãi cao rồi bỏ trốn khỏi nhà trọ số {addr} {when}.',
      'Người thuê trọ ở số {addr} vay tiền cả xóm khoảng {amount} rồi bỏ trốn {when}.',
    ),
  ],
  public_disorder: [
    story(
      '{When}, nhóm {n} thanh niên nhậu say, la hét, ném chai lọ trước số {addr} (gần {landmark}), gây mất trật tự.',
      'Trước số {addr} có nhóm nhậu say ném chai lọ ra đường, {when}.',
    ),
    story(
      'Một nhóm đua xe, nẹt pô trên đường {street}, đoạn trước số {addr}, {when}; xe dẫn đầu là {veh} biển số {plate}.',
      'Đua xe, nẹt pô ầm ĩ trước số {addr} {when}; xe dẫn đầu biển số {plate}.',
    ),
    story(
      'Quán karaoke số {addr} mở nhạc lớn quá 23 giờ nhiều đêm liền, khách ra về còn gây gổ; gần nhất là {when}.',
      'Karaoke số {addr}, đường {street} hát ồn quá khuya, {when} khách còn cãi nhau ngoài đường.',
    ),
    story(
      '{When}, hai nhóm cãi nhau rồi cầm gậy gộc rượt đuổi trong hẻm {addr}, người dân hoảng sợ đóng cửa.',
      'Hai nhóm người cầm gậy rượt nhau trong hẻm {addr} {when}.',
    ),
    story(
      '{Person} say rượu, cầm dao đi lại chửi bới hàng xóm trước số {addr} {when}, đập vỡ kính một xe máy.',
      'Trước số {addr} có người say rượu cầm dao chửi bới, đập xe máy, {when}.',
    ),
    story(
      'Nhóm đòi nợ thuê đến nhà số {addr} {when}, tạt sơn, ném mắm tôm lên cửa; chúng đi {veh} biển số {plate} và để lại số {phone}.',
      'Nhà số {addr} bị tạt sơn, ném mắm tôm {when}; nhóm đòi nợ đi {veh} biển số {plate}.',
    ),
  ],
  domestic_violence: [
    story(
      'Nhà số {addr} thường xuyên xảy ra cảnh chồng đánh vợ; {when} nghe tiếng la khóc rất lớn, người vợ chạy sang nhà hàng xóm cầu cứu.',
      'Người vợ ở nhà số {addr} bị chồng đánh, chạy sang hàng xóm cầu cứu {when}.',
    ),
    story(
      'Con trai nhà số {addr} nghiện rượu, nhiều lần đánh đập cha mẹ già; {when} lại đập phá đồ đạc. Người này là {person}.',
      'Nhà số {addr}, đường {street}: con trai say rượu đánh cha mẹ, đập phá đồ đạc {when}.',
    ),
    story(
      'Một phụ nữ ở số {addr} bị chồng là {person} đánh bầm tím mặt {when}; chị không dám trình báo vì sợ bị trả thù.',
      'Chị hàng xóm ở số {addr} bị chồng đánh bầm mặt {when}, sợ không dám báo.',
    ),
    story(
      'Chị gái tôi ở số {addr}, đường {street} bị chồng đánh, đuổi ra khỏi nhà {when}. Anh ta gọi điện đe dọa từ số {phone}.',
      'Người phụ nữ ở số {addr} bị chồng đánh, đuổi ra đường {when}; người chồng đe dọa qua số {phone}.',
    ),
  ],
  child_abuse: [
    story(
      'Nghi {person} có hành vi dâm ô với một bé gái khoảng 8 tuổi ở khu trọ số {addr}, {when}; gia đình cháu rất hoang mang.',
      'Khu trọ số {addr}: một bé gái bị người lớn có hành vi dâm ô {when}, người dân rất bức xúc.',
    ),
    story(
      'Cơ sở giữ trẻ tự phát tại số {addr} có dấu hiệu bạo hành trẻ, {when} phụ huynh thấy vết bầm trên tay con.',
      'Nhóm trẻ tự phát số {addr}, đường {street} nghi bạo hành trẻ, {when} có cháu bị bầm tay.',
    ),
    story(
      'Trẻ em khoảng 10 tuổi bị ép đi bán vé số đến khuya quanh {landmark}, đường {street}; người quản lý là {person}, ở số {addr}.',
      'Có trẻ nhỏ bị ép bán vé số đến nửa đêm, người quản lý ở số {addr}.',
    ),
  ],
  human_trafficking: [
    story(
      'Có người tên là {person} tuyển lao động đi làm việc nhẹ lương cao ở Campuchia, hẹn gặp tại quán cà phê số {addr}, liên hệ số {phone}; nghi lừa bán người.',
      'Quán cà phê số {addr} có người tuyển đi làm ở Campuchia, liên hệ số {phone}, nghi mua bán người.',
    ),
    story(
      'Con gái tôi đi theo lời mời làm việc ở nước ngoài, {when} gọi về báo bị giữ không cho về. Người môi giới ở số {addr}, số điện thoại {phone}.',
      'Một cô gái ở đường {street} bị môi giới đưa ra nước ngoài rồi bị giữ lại; người môi giới ở số {addr}, dùng số {phone}.',
    ),
    story(
      '{When}, thấy {n} cô gái trẻ được đưa lên {veh} biển số {plate} trước số {addr}, nghi bị dụ dỗ đi làm ở nước ngoài.',
      'Có mấy cô gái trẻ bị đưa lên xe biển số {plate} ở trước số {addr} {when}.',
    ),
  ],
  traffic: [
    story(
      '{When}, tại giao lộ gần số {addr}, {veh} biển số {plate} tông vào một người đi xe máy rồi bỏ chạy về {escape}.',
      'Tai nạn trước số {addr} {when}: xe gây tai nạn biển số {plate} đã bỏ chạy.',
    ),
    story(
      '{Veh} biển số {plate} thường xuyên đậu chiếm lòng đường trước số {addr}, đường {street}, gây kẹt xe giờ cao điểm; gần nhất {when}.',
      'Xe biển số {plate} đậu chắn lòng đường trước số {addr} {when}.',
    ),
    story(
      'Nhóm thanh niên chạy {veh} biển số {plate} lạng lách, bốc đầu trên đường {street}, đoạn trước số {addr}, {when}.',
      'Trước số {addr} có thanh niên bốc đầu xe biển số {plate}, {when}.',
    ),
    story(
      'Tai nạn giao thông {when} trước số {addr}: hai xe máy va chạm, một người bị thương; xe gây tai nạn là {veh} biển số {plate}.',
      'Hai xe máy va chạm trước số {addr}, đường {street} {when}, một người bị thương; xe kia biển số {plate}.',
    ),
    story(
      'Hàng quán lấn chiếm vỉa hè, lòng đường trước số {addr} (gần {landmark}) gây ùn tắc; {when} suýt xảy ra tai nạn.',
      'Vỉa hè trước số {addr} bị hàng quán chiếm hết, {when} kẹt xe nghiêm trọng.',
    ),
  ],
  fire_safety: [
    story(
      '{When}, phát hiện khói bốc ra từ kho hàng số {addr}, đường {street}; người dân đã dùng bình chữa cháy dập tạm.',
      'Kho hàng số {addr} bốc khói {when}, bà con đang dập lửa.',
    ),
    story(
      'Cơ sở sang chiết gas trái phép tại số {addr}, không có phương tiện PCCC, rất nguy hiểm cho khu dân cư. Chủ cơ sở là {person}, số {phone}.',
      'Nhà số {addr}, đường {street} sang chiết gas lậu, chủ cơ sở dùng số {phone}.',
    ),
    story(
      'Dãy nhà trọ số {addr} câu móc điện chằng chịt, {when} xảy ra chập điện tóe lửa.',
      'Chập điện tóe lửa ở dãy trọ số {addr} {when}, dây điện câu móc rất nguy hiểm.',
    ),
    story(
      '{When}, cháy tủ điện trên cột điện trước số {addr} (gần {landmark}), lửa lan sang mái hiên nhà bên cạnh.',
      'Tủ điện trước số {addr} bốc cháy {when}, lửa bén sang mái hiên.',
    ),
    story(
      'Quán karaoke số {addr} bít lối thoát hiểm, không trang bị bình chữa cháy; {when} vẫn đón rất đông khách.',
      'Karaoke số {addr}, đường {street} khóa lối thoát hiểm, không có bình chữa cháy.',
    ),
  ],
  other: [
    story(
      'Có người lạ thường xuyên đến chụp ảnh, ghi chép quanh nhà số {addr}; {when} đi {veh} biển số {plate}.',
      'Người lạ chạy xe biển số {plate} hay dừng trước số {addr} chụp ảnh, ghi chép, {when}.',
    ),
    story(
      'Chủ nhà trọ số {addr} cho nhiều người thuê ở nhưng không khai báo tạm trú; chủ nhà là {person}, số {phone}.',
      'Nhà trọ số {addr}, đường {street} không khai báo tạm trú cho người thuê; chủ trọ dùng số {phone}.',
    ),
    story(
      '{When}, phát hiện một cụ ông đi lạc gần {landmark}, đường {street}, hiện đang được giữ tại số {addr} chờ người nhà.',
      'Cụ ông đi lạc đang ngồi ở số {addr} {when}, không nhớ đường về.',
    ),
    story(
      'Có người mạo danh nhân viên điện lực đến nhà số {addr} {when}, đòi thu tiền "kiểm tra đồng hồ"; người này là {person}.',
      'Người giả nhân viên điện lực đến số {addr} thu tiền {when}; người này là {person}.',
    ),
  ],
};

export const OPENINGS: Record<Channel, string[]> = {
  hotline: [
    'Người gọi đường dây nóng trình báo: ',
    'Tổng đài chuyển tin: ',
    'Người dân gọi điện phản ánh: ',
    '',
  ],
  walk_in: [
    'Công dân đến trụ sở Công an phường trình báo: ',
    'Người dân trực tiếp đến trình báo: ',
    '',
  ],
  web: ['', 'Tôi xin phản ánh: ', 'Kính gửi Công an Quận 4. '],
  app: ['', 'Phản ánh qua ứng dụng: ', 'Báo tin: '],
  patrol: [
    'Tổ Nhân dân tuần tra {ward} ghi nhận trong ca tuần tra: ',
    'Tổ viên Tổ Nhân dân tuần tra {ward} báo: ',
    'Ca tuần tra tối của Tổ Nhân dân tuần tra {ward} phát hiện: ',
  ],
};

export const CLOSINGS: Record<Channel, string[]> = {
  hotline: [
    '',
    ' Đề nghị công an kiểm tra, xử lý.',
    ' Người báo đề nghị giữ bí mật danh tính.',
    ' Sự việc đã xảy ra nhiều lần.',
  ],
  walk_in: [
    '',
    ' Đề nghị Công an phường xác minh, xử lý.',
    ' Người trình báo cam kết nội dung là đúng sự thật.',
  ],
  web: [
    '',
    ' Mong cơ quan chức năng vào cuộc sớm.',
    ' Tôi có thể cung cấp thêm hình ảnh nếu cần.',
    ' Xin cảm ơn.',
  ],
  app: ['', ' Đề nghị công an xử lý.', ' Có ảnh chụp kèm theo.', ' Xin giữ bí mật giúp tôi.'],
  patrol: [' Tổ đã báo Công an phường.', ' Tổ giữ nguyên hiện trường, chờ lực lượng đến.', ''],
};

/** Sentences that carry one shared detail when the chosen core template does not mention it. */
export const DETAIL_SENTENCES: Record<'addr' | 'plate' | 'phone', string[]> = {
  addr: [' Địa điểm: số {addr}.', ' Chỗ xảy ra là số {addr}.', ' Ngay trước nhà số {addr}.'],
  plate: [' Biển số xe: {plate}.', ' Tôi nhớ biển số là {plate}.', ' Xe mang biển số {plate}.'],
  phone: [
    ' Số điện thoại liên quan: {phone}.',
    ' Đối tượng dùng số {phone}.',
    ' Số điện thoại của họ là {phone}.',
  ],
};

/** Too vague to act on: no place, no time, no one identifiable. */
export const VAGUE_TEMPLATES = [
  'Có chuyện gì đó ở đây, mọi người tụ tập đông lắm.',
  'Ở đây có người khả nghi, công an xuống xem giùm.',
  'Hình như có chuyện gì đó, ồn ào quá.',
  'Tôi thấy có gì đó không ổn, nhờ công an kiểm tra.',
  'Có người lạ đi lại nhiều, không biết làm gì.',
  'Nghe nói có người làm gì đó bất thường.',
  'Có ai đó cứ đứng nhìn, thấy nghi nghi.',
  'Báo công an: có vụ gì đó, không rõ lắm.',
  'Có mùi lạ, không biết từ đâu ra.',
  'Bên kia có người la hét, không rõ chuyện gì.',
  'Dạo này thấy không yên tâm, đề nghị kiểm tra.',
  'Có ai đó đang làm chuyện mờ ám, tôi không tiện nói.',
  'Mọi người đang bàn tán chuyện gì đó, nhờ xem giúp.',
  'Thấy mấy người lạ mặt, không biết có phải người xấu không.',
];

/** Advertising, loan sharks, casino links, tests and gibberish. {phone} and {link} are unique. */
export const SPAM_TEMPLATES = [
  'Vay tiền nhanh trong ngày, không cần thế chấp, giải ngân 30 phút, lãi suất thấp. Liên hệ Zalo {phone}.',
  'VAY TIỀN NHANH chỉ cần CCCD, duyệt hồ sơ 5 phút, hỗ trợ cả nợ xấu!!! Gọi ngay {phone}',
  'Nhà cái uy tín số 1 châu Á, nạp lần đầu tặng 100%, rút tiền siêu tốc. Truy cập {link} ngay hôm nay.',
  'Casino trực tuyến, nổ hũ, bắn cá đổi thưởng 24/7 tại {link}, nhận code 88k miễn phí.',
  'Tuyển cộng tác viên xem video, thả tim nhận 300k-500k/ngày, không cần kinh nghiệm. Inbox {phone}.',
  'Bán sim số đẹp tứ quý, thần tài giá rẻ, giao tận nơi. LH {phone}.',
  'Cho vay trả góp ngày, góp 50k nhận 1 triệu, không thẩm định. Alo {phone}.',
  'Link xem bóng đá trực tiếp miễn phí, tỷ lệ kèo cập nhật liên tục: {link}',
  'Dịch vụ làm bằng lái xe, bằng đại học giá rẻ, nhận hồ sơ toàn quốc, gọi {phone}.',
];
