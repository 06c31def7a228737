import { eq, inArray } from 'drizzle-orm';
import type { Queryable, Tx } from '../client';
import { questions, testItems, tests, testVersions, units, users } from '../schema';
import { LAI_CHAU_PILOT } from './pilot';
import { createRandom, nameUuid } from './random';

/**
 * The Lai Châu question bank demo: 320+ real questions with their answers (Toán with LaTeX, Tiếng Việt and
 * Ngữ văn, Tiếng Anh, Khoa học and Khoa học tự nhiên; grades 3–8; the four cognitive levels), written and
 * approved at the city Phòng GD&ĐT for every school under it, and three ready tests: two drawn from a
 * blueprint (ma trận đề: Toán 6 giữa kì I, KHTN 8 cuối kì I) and one hand-built (Tiếng Anh 6), with four
 * versions each. Deterministic and idempotent.
 *
 * The rules (canonical hash, search text, blueprint draw, version shuffles) come from @smartedu/domain through
 * `rules`: the database package does not depend on the domain package.
 */

type Level = 'NB' | 'TH' | 'VD' | 'VDC';
export type DemoBody = { type: string; content: Record<string, unknown>; key: Record<string, unknown> };
export type DemoCell = { topic: string; level: Level; count: number; pointsEach: number; type?: string };
export type QuestionBankDemoRules = {
  contentHash: (body: DemoBody) => string;
  searchText: (body: DemoBody) => string;
  /** Blueprint draw: the picked ids with their points (throws when the bank is short). */
  draw: (
    cells: DemoCell[],
    pool: { id: string; topic: string; level: Level; type: string }[],
    seed: number,
  ) => { cell: number; id: string; points: number }[];
  /** Versions 101… of a test (seeded shuffles of questions within parts and of options). */
  versions: (
    testId: string,
    items: { position: number; body: DemoBody }[],
    count: number,
  ) => { code: string; seed: number; items: unknown }[];
  /** Part order of a paper: the index of a question type (single first). */
  partRank: (type: string) => number;
};
export type SeedQuestionBankDemoOptions = {
  rules: QuestionBankDemoRules;
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};
export type SeedQuestionBankDemoResult = { skipped: boolean; questions: number; tests: number };

type Spec = {
  level: Level;
  type: string;
  content: Record<string, unknown>;
  key: Record<string, unknown>;
  points: number;
  explanation?: string;
};
type Placed = Spec & { code: string; grade: number; topic: string };

const LETTERS = 'ABCDEFGH';
const mc = (level: Level, stem: string, options: string[], correct: number, explanation?: string): Spec => ({
  level,
  type: 'single',
  content: { stem, options: options.map((text, i) => ({ id: LETTERS[i], text })) },
  key: { optionId: LETTERS[correct] },
  points: 0.25,
  ...(explanation ? { explanation } : {}),
});
const tf = (
  level: Level,
  stem: string,
  statements: string[],
  answer: string,
  explanation?: string,
): Spec => ({
  level,
  type: 'true_false',
  content: { stem, statements: statements.map((text, i) => ({ id: 'abcd'[i], text })) },
  key: { values: Object.fromEntries([...answer].map((c, i) => ['abcd'[i], c === 'Đ'])) },
  points: 1,
  ...(explanation ? { explanation } : {}),
});
const sa = (level: Level, stem: string, value: number, explanation?: string): Spec => ({
  level,
  type: 'short_answer',
  content: { stem },
  key: { value, tolerance: 0 },
  points: 0.5,
  ...(explanation ? { explanation } : {}),
});
const fill = (level: Level, stem: string, blanks: string[][]): Spec => ({
  level,
  type: 'fill_blank',
  content: { stem, blanks: blanks.map((_, i) => ({ id: String(i + 1) })) },
  key: { blanks: Object.fromEntries(blanks.map((b, i) => [String(i + 1), b])) },
  points: 0.5,
});
const match = (level: Level, stem: string, pairs: [string, string][]): Spec => {
  const right = pairs.map((p, i) => ({ id: `R${i + 1}`, text: p[1] }));
  return {
    level,
    type: 'matching',
    // the right column starts rotated, so that it never lines up with the left one
    content: {
      stem,
      left: pairs.map((p, i) => ({ id: `L${i + 1}`, text: p[0] })),
      right: [...right.slice(1), right[0]],
    },
    key: { pairs: Object.fromEntries(pairs.map((_, i) => [`L${i + 1}`, `R${i + 1}`])) },
    points: Math.round(pairs.length * 25) / 100,
  };
};
const essay = (level: Level, stem: string, rubric: [string, number][], sampleAnswer?: string): Spec => ({
  level,
  type: 'essay',
  content: { stem, rubric: rubric.map(([criterion, points]) => ({ criterion, points })) },
  key: sampleAnswer ? { sampleAnswer } : {},
  points: Math.round(rubric.reduce((s, r) => s + r[1], 0) * 100) / 100,
});
const at = (code: string, grade: number, topic: string, specs: Spec[]): Placed[] =>
  specs.map((s) => ({ ...s, code, grade, topic }));

// ---------------------------------------------------------------------------------------------------------
// Toán 6 (the grade-6 city test is drawn from these)
const TOAN_6: Placed[] = [
  ...at('THCS_TOAN', 6, 'Số tự nhiên', [
    mc(
      'NB',
      'Tập hợp các số tự nhiên được kí hiệu là',
      ['\\(\\mathbb{N}\\)', '\\(\\mathbb{Z}\\)', '\\(\\mathbb{Q}\\)', '\\(\\mathbb{R}\\)'],
      0,
    ),
    mc('NB', 'Số nào sau đây là số nguyên tố?', ['1', '2', '9', '15'], 1, 'Số 2 chỉ có hai ước là 1 và 2.'),
    mc(
      'NB',
      'Trong các số 120; 235; 476; 981, số chia hết cho cả 2 và 5 là',
      ['120', '235', '476', '981'],
      0,
      'Số chia hết cho cả 2 và 5 có chữ số tận cùng là 0.',
    ),
    mc('NB', 'Số La Mã XIV có giá trị là', ['16', '14', '9', '11'], 1),
    mc(
      'TH',
      'Kết quả của phép tính \\(2^3 \\cdot 2^2\\) là',
      ['\\(2^5\\)', '\\(2^6\\)', '\\(4^5\\)', '\\(4^6\\)'],
      0,
      '\\(a^m \\cdot a^n = a^{m+n}\\).',
    ),
    mc(
      'TH',
      'ƯCLN(18, 30) bằng',
      ['3', '6', '9', '90'],
      1,
      '\\(18 = 2 \\cdot 3^2\\), \\(30 = 2 \\cdot 3 \\cdot 5\\) nên ƯCLN = 6.',
    ),
    mc(
      'TH',
      'Phân tích số 60 ra thừa số nguyên tố ta được',
      [
        '\\(2^2 \\cdot 3 \\cdot 5\\)',
        '\\(2 \\cdot 3 \\cdot 10\\)',
        '\\(4 \\cdot 15\\)',
        '\\(2^3 \\cdot 3 \\cdot 5\\)',
      ],
      0,
    ),
    mc(
      'VD',
      'Một lớp có 24 bạn nam và 18 bạn nữ. Có thể chia lớp thành nhiều nhất bao nhiêu tổ để số nam và số nữ ở các tổ đều bằng nhau?',
      ['3', '6', '4', '2'],
      1,
      'Số tổ nhiều nhất là ƯCLN(24, 18) = 6.',
    ),
    tf(
      'NB',
      'Cho các số 12, 15, 20.',
      ['12 chia hết cho 3.', '15 là số chẵn.', '20 chia hết cho 5.', 'Cả ba số đều chia hết cho 2.'],
      'ĐSĐS',
    ),
    tf(
      'NB',
      'Cho tập hợp \\(A = \\{x \\in \\mathbb{N} \\mid 3 < x \\le 7\\}\\).',
      ['\\(3 \\in A\\).', '\\(7 \\in A\\).', 'Tập hợp A có 4 phần tử.', '\\(A = \\{4; 5; 6\\}\\).'],
      'SĐĐS',
      '\\(A = \\{4; 5; 6; 7\\}\\).',
    ),
    sa('NB', 'Tính \\(3^4\\).', 81),
    sa('NB', 'Số tự nhiên nhỏ nhất có hai chữ số khác nhau là số nào?', 10),
    sa('TH', 'Tìm số tự nhiên x, biết \\(2x + 15 = 35\\).', 10, '\\(2x = 20\\), \\(x = 10\\).'),
    essay(
      'VD',
      'Một đội y tế có 24 bác sĩ và 108 y tá. Có thể chia đội thành nhiều nhất bao nhiêu tổ để số bác sĩ và số y tá được chia đều vào các tổ? Khi đó mỗi tổ có bao nhiêu bác sĩ, bao nhiêu y tá?',
      [
        ['Lập luận số tổ nhiều nhất là ƯCLN(24, 108)', 0.25],
        ['Tính đúng ƯCLN(24, 108) = 12', 0.5],
        ['Kết luận: 12 tổ, mỗi tổ 2 bác sĩ và 9 y tá', 0.25],
      ],
    ),
    essay('VDC', 'Chứng tỏ rằng tích của hai số tự nhiên liên tiếp luôn chia hết cho 2.', [
      ['Gọi hai số là n và n + 1; xét n chẵn thì tích chia hết cho 2', 0.5],
      ['Xét n lẻ thì n + 1 chẵn nên tích chia hết cho 2; kết luận', 0.5],
    ]),
  ]),
  ...at('THCS_TOAN', 6, 'Số nguyên', [
    mc('NB', 'Số đối của −7 là', ['7', '−7', '0', '\\(\\frac{1}{7}\\)'], 0),
    mc(
      'NB',
      'Tập hợp các số nguyên được kí hiệu là',
      ['\\(\\mathbb{N}\\)', '\\(\\mathbb{N}^*\\)', '\\(\\mathbb{Z}\\)', '\\(\\mathbb{Q}\\)'],
      2,
    ),
    mc('NB', 'Trong các số −5; 0; 3; −12, số nhỏ nhất là', ['−5', '0', '3', '−12'], 3),
    mc('NB', 'Nhiệt độ −3 °C được đọc là', ['Ba độ C', 'Âm ba độ C', 'Dương ba độ C', 'Không độ C'], 1),
    mc('TH', 'Kết quả của phép tính \\((-8) + 5\\) là', ['3', '−3', '−13', '13'], 1),
    mc('TH', 'Kết quả của phép tính \\((-4) \\cdot (-6)\\) là', ['−24', '24', '−10', '10'], 1),
    mc('TH', 'Giá trị của biểu thức \\(15 - (-5)\\) là', ['10', '−20', '20', '−10'], 2),
    mc(
      'VD',
      'Một tàu ngầm đang ở độ sâu 45 m dưới mực nước biển, sau đó nổi lên 18 m. Độ cao mới của tàu so với mực nước biển là',
      ['−63 m', '−27 m', '27 m', '63 m'],
      1,
    ),
    sa('TH', 'Tính \\((-12) + 7 - (-5)\\).', 0),
    sa('TH', 'Tìm số nguyên x, biết \\(x + 9 = 4\\).', -5),
    tf(
      'TH',
      'Cho các số nguyên −6; 4; 0; −1.',
      [
        'Tổng của bốn số bằng −3.',
        'Tích của bốn số bằng 24.',
        'Số lớn nhất trong bốn số là 4.',
        '\\(-6 > -1\\).',
      ],
      'ĐSĐS',
    ),
    essay('VD', 'Tính một cách hợp lí: \\(37 \\cdot (-15) + 37 \\cdot (-85)\\).', [
      ['Đặt thừa số chung: \\(37 \\cdot [(-15) + (-85)]\\)', 0.5],
      ['Tính được \\(37 \\cdot (-100) = -3700\\)', 0.5],
    ]),
    essay(
      'VD',
      'Nhiệt độ lúc 6 giờ sáng ở Sìn Hồ (Lai Châu) là −2 °C, đến 12 giờ trưa tăng thêm 9 °C, đến 22 giờ giảm 5 °C so với lúc 12 giờ. Tính nhiệt độ lúc 22 giờ.',
      [
        ['Lập được biểu thức \\((-2) + 9 - 5\\)', 0.5],
        ['Tính đúng nhiệt độ lúc 22 giờ là 2 °C', 0.5],
      ],
    ),
    essay('VDC', 'Tìm các số nguyên x sao cho \\(x + 3\\) là ước của 5.', [
      ['Liệt kê Ư(5) = {1; −1; 5; −5}', 0.25],
      ['Lập và giải các trường hợp \\(x + 3 \\in \\{1; -1; 5; -5\\}\\)', 0.5],
      ['Kết luận \\(x \\in \\{-2; -4; 2; -8\\}\\)', 0.25],
    ]),
  ]),
  ...at('THCS_TOAN', 6, 'Phân số và số thập phân', [
    mc(
      'NB',
      'Phân số nào sau đây bằng phân số \\(\\frac{1}{2}\\)?',
      ['\\(\\frac{2}{3}\\)', '\\(\\frac{3}{6}\\)', '\\(\\frac{2}{5}\\)', '\\(\\frac{4}{6}\\)'],
      1,
    ),
    mc(
      'NB',
      'Số thập phân 0,25 viết dưới dạng phân số tối giản là',
      ['\\(\\frac{25}{10}\\)', '\\(\\frac{1}{4}\\)', '\\(\\frac{2}{5}\\)', '\\(\\frac{25}{1000}\\)'],
      1,
    ),
    mc(
      'NB',
      'Phân số nghịch đảo của \\(\\frac{-3}{4}\\) là',
      ['\\(\\frac{3}{4}\\)', '\\(\\frac{4}{3}\\)', '\\(\\frac{-4}{3}\\)', '\\(\\frac{-3}{4}\\)'],
      2,
    ),
    mc('NB', 'Làm tròn số 3,456 đến hàng phần mười ta được', ['3,4', '3,5', '3,46', '3'], 1),
    mc(
      'TH',
      'Kết quả của phép tính \\(\\frac{1}{3} + \\frac{1}{6}\\) là',
      ['\\(\\frac{2}{9}\\)', '\\(\\frac{1}{2}\\)', '\\(\\frac{2}{6}\\)', '\\(\\frac{1}{9}\\)'],
      1,
    ),
    mc('TH', '\\(\\frac{2}{3}\\) của 60 là', ['40', '90', '20', '30'], 0),
    mc('TH', 'Kết quả của phép tính \\(2{,}5 \\cdot 0{,}4\\) là', ['1', '10', '0,1', '0,01'], 0),
    mc(
      'VD',
      'Một mảnh vườn hình chữ nhật có chiều dài 12,5 m, chiều rộng bằng \\(\\frac{4}{5}\\) chiều dài. Diện tích mảnh vườn là',
      ['125 m²', '100 m²', '156,25 m²', '45 m²'],
      0,
      'Chiều rộng 10 m; diện tích \\(12{,}5 \\cdot 10 = 125\\) (m²).',
    ),
    tf(
      'TH',
      'Cho hai phân số \\(\\frac{3}{4}\\) và \\(\\frac{5}{8}\\).',
      [
        '\\(\\frac{3}{4} > \\frac{5}{8}\\).',
        'Tổng hai phân số bằng \\(\\frac{11}{8}\\).',
        '\\(\\frac{3}{4} - \\frac{5}{8} = \\frac{1}{4}\\).',
        'Tích hai phân số bằng \\(\\frac{15}{32}\\).',
      ],
      'ĐĐSĐ',
    ),
    tf(
      'TH',
      'Cho số thập phân 12,375.',
      [
        'Chữ số 3 ở hàng phần mười.',
        'Làm tròn đến hàng đơn vị được 13.',
        'Số đó viết dưới dạng phân số là \\(\\frac{99}{8}\\).',
        'Số đối của nó là −12,375.',
      ],
      'ĐSĐĐ',
    ),
    sa('NB', 'Viết phân số \\(\\frac{3}{4}\\) dưới dạng số thập phân.', 0.75),
    sa('NB', 'Tính \\(\\frac{7}{10} + 0{,}3\\).', 1),
    essay(
      'VDC',
      'Bạn An đọc một cuốn sách trong ba ngày. Ngày thứ nhất đọc \\(\\frac{1}{3}\\) số trang, ngày thứ hai đọc \\(\\frac{3}{5}\\) số trang còn lại, ngày thứ ba đọc nốt 40 trang. Hỏi cuốn sách có bao nhiêu trang?',
      [
        ['Sau ngày thứ nhất còn \\(\\frac{2}{3}\\) cuốn sách', 0.25],
        ['Ngày thứ hai đọc \\(\\frac{3}{5} \\cdot \\frac{2}{3} = \\frac{2}{5}\\) cuốn sách', 0.25],
        ['Ngày thứ ba đọc \\(1 - \\frac{1}{3} - \\frac{2}{5} = \\frac{4}{15}\\) cuốn sách', 0.25],
        ['Số trang: \\(40 : \\frac{4}{15} = 150\\) (trang)', 0.25],
      ],
    ),
    essay(
      'VDC',
      'Tính tổng \\(S = \\frac{1}{1 \\cdot 2} + \\frac{1}{2 \\cdot 3} + \\dots + \\frac{1}{99 \\cdot 100}\\).',
      [
        ['Tách \\(\\frac{1}{n(n+1)} = \\frac{1}{n} - \\frac{1}{n+1}\\)', 0.5],
        ['Rút gọn được \\(S = 1 - \\frac{1}{100} = \\frac{99}{100}\\)', 0.5],
      ],
    ),
    essay(
      'VD',
      'Một cửa hàng nhập về 250 kg gạo. Ngày đầu bán được 40% số gạo, ngày thứ hai bán được \\(\\frac{1}{3}\\) số gạo còn lại. Hỏi sau hai ngày cửa hàng còn bao nhiêu ki-lô-gam gạo?',
      [
        ['Ngày đầu bán được 100 kg', 0.25],
        ['Còn 150 kg; ngày thứ hai bán được 50 kg', 0.5],
        ['Sau hai ngày còn 100 kg gạo', 0.25],
      ],
    ),
  ]),
  ...at('THCS_TOAN', 6, 'Hình học', [
    mc(
      'NB',
      'Hình nào sau đây có tâm đối xứng?',
      ['Tam giác đều', 'Hình thang cân', 'Hình bình hành', 'Tam giác vuông'],
      2,
    ),
    mc('NB', 'Hình vuông có bao nhiêu trục đối xứng?', ['1', '2', '4', '0'], 2),
    mc('NB', 'Hai đường thẳng phân biệt có nhiều nhất bao nhiêu điểm chung?', ['0', '1', '2', 'Vô số'], 1),
    mc('TH', 'Góc có số đo 120° là góc', ['nhọn', 'vuông', 'tù', 'bẹt'], 2),
    mc(
      'TH',
      'Diện tích hình chữ nhật có chiều dài 8 cm, chiều rộng 5 cm là',
      ['13 cm²', '26 cm²', '40 cm²', '80 cm²'],
      2,
    ),
    mc(
      'TH',
      'Cho đoạn thẳng AB = 10 cm, M là trung điểm của AB. Độ dài đoạn thẳng AM là',
      ['20 cm', '10 cm', '5 cm', '2,5 cm'],
      2,
    ),
    tf(
      'NB',
      'Cho hình thoi ABCD.',
      [
        'Bốn cạnh của hình thoi bằng nhau.',
        'Hai đường chéo vuông góc với nhau.',
        'Bốn góc của hình thoi luôn bằng nhau.',
        'Hình thoi có tâm đối xứng.',
      ],
      'ĐĐSĐ',
    ),
    sa(
      'VD',
      'Một mảnh vườn hình thang có đáy lớn 20 m, đáy nhỏ 12 m, chiều cao 10 m. Tính diện tích mảnh vườn (đơn vị m²).',
      160,
      '\\(S = \\frac{(20 + 12) \\cdot 10}{2} = 160\\) (m²).',
    ),
    essay(
      'VD',
      'Nền một căn phòng hình chữ nhật có chiều dài 8 m, chiều rộng 6 m được lát bằng các viên gạch hình vuông cạnh 40 cm. Hỏi cần bao nhiêu viên gạch? (Coi mạch vữa không đáng kể.)',
      [
        ['Diện tích nền: 48 m² = 480 000 cm²', 0.25],
        ['Diện tích một viên gạch: 1 600 cm²', 0.25],
        ['Số viên gạch: 480 000 : 1 600 = 300 (viên)', 0.5],
      ],
    ),
    essay(
      'VD',
      'Vẽ đoạn thẳng AB = 6 cm. Lấy điểm C nằm giữa A và B sao cho AC = 2 cm. Gọi M là trung điểm của CB. Tính độ dài AM.',
      [
        ['Vẽ hình đúng', 0.25],
        ['Tính CB = 4 cm, CM = 2 cm', 0.5],
        ['Tính AM = AC + CM = 4 cm', 0.25],
      ],
    ),
    essay(
      'VDC',
      'Cho 20 điểm phân biệt, trong đó không có ba điểm nào thẳng hàng. Cứ qua hai điểm ta vẽ một đường thẳng. Hỏi vẽ được bao nhiêu đường thẳng?',
      [
        ['Mỗi điểm nối với 19 điểm còn lại, có \\(20 \\cdot 19\\) cách chọn', 0.5],
        ['Mỗi đường thẳng được tính hai lần, nên có \\(20 \\cdot 19 : 2 = 190\\) đường thẳng', 0.5],
      ],
    ),
  ]),
  ...at('THCS_TOAN', 6, 'Thống kê và xác suất', [
    mc(
      'NB',
      'Gieo một con xúc xắc 6 mặt. Tập hợp các kết quả có thể xảy ra đối với số chấm xuất hiện có bao nhiêu phần tử?',
      ['1', '2', '6', '12'],
      2,
    ),
    mc(
      'NB',
      'Để so sánh số học sinh thích mỗi môn thể thao của lớp 6A, ta thường dùng',
      ['Biểu đồ cột', 'Bản đồ địa lí', 'Hình vẽ tam giác', 'Đồng hồ'],
      0,
    ),
    mc(
      'NB',
      'Dữ liệu nào sau đây là số liệu?',
      [
        'Tên các bạn trong tổ',
        'Màu sắc yêu thích của các bạn',
        'Chiều cao (cm) của các bạn trong tổ',
        'Môn học yêu thích của các bạn',
      ],
      2,
    ),
    mc(
      'TH',
      'Tung một đồng xu 20 lần, có 12 lần xuất hiện mặt sấp. Xác suất thực nghiệm của sự kiện «Xuất hiện mặt sấp» là',
      ['\\(\\frac{3}{5}\\)', '\\(\\frac{2}{5}\\)', '\\(\\frac{1}{2}\\)', '\\(\\frac{12}{8}\\)'],
      0,
    ),
    mc(
      'TH',
      'Điểm kiểm tra môn Toán của 5 bạn là 7; 8; 6; 9; 10. Điểm trung bình của 5 bạn là',
      ['7', '8', '8,5', '9'],
      1,
    ),
    sa(
      'TH',
      'Lấy ngẫu nhiên một quả bóng từ hộp, ghi màu rồi trả lại; lặp lại 50 lần thì có 15 lần lấy được bóng xanh. Xác suất thực nghiệm của sự kiện «Lấy được bóng xanh» là bao nhiêu (viết dưới dạng số thập phân)?',
      0.3,
    ),
    sa(
      'TH',
      'Lớp 6A có 40 học sinh, trong đó 25% số học sinh thích bóng đá. Lớp 6A có bao nhiêu học sinh thích bóng đá?',
      10,
    ),
    tf(
      'TH',
      'Số học sinh đạt điểm 10 môn Toán của các lớp khối 6: 6A1 có 5 bạn, 6A2 có 8 bạn, 6A3 có 3 bạn, 6A4 có 6 bạn.',
      [
        'Lớp 6A2 có nhiều học sinh đạt điểm 10 nhất.',
        'Tổng số học sinh đạt điểm 10 là 21.',
        'Lớp 6A3 có ít học sinh đạt điểm 10 nhất.',
        'Lớp 6A4 có nhiều hơn lớp 6A1 một học sinh đạt điểm 10.',
      ],
      'ĐSĐĐ',
    ),
    essay(
      'VD',
      'Gieo một con xúc xắc 30 lần, kết quả: mặt 1 chấm 4 lần, mặt 2 chấm 6 lần, mặt 3 chấm 5 lần, mặt 4 chấm 3 lần, mặt 5 chấm 7 lần, mặt 6 chấm 5 lần. Tính xác suất thực nghiệm của sự kiện «Gieo được mặt có số chấm là số chẵn».',
      [
        ['Số lần xuất hiện mặt chẵn: 6 + 3 + 5 = 14', 0.5],
        ['Xác suất thực nghiệm: \\(\\frac{14}{30} = \\frac{7}{15}\\)', 0.5],
      ],
    ),
    essay(
      'VDC',
      'Trong một hộp có một số quả bóng xanh và bóng đỏ. Lấy ngẫu nhiên một quả rồi trả lại, thực hiện 40 lần thì có 10 lần lấy được bóng xanh. Biết trong hộp có 6 quả bóng xanh, hãy ước lượng số quả bóng đỏ trong hộp.',
      [
        ['Xác suất thực nghiệm lấy được bóng xanh: \\(\\frac{10}{40} = \\frac{1}{4}\\)', 0.5],
        ['Ước lượng tổng số bóng khoảng 24, số bóng đỏ khoảng 18 quả', 0.5],
      ],
    ),
  ]),
];

// Toán 7, 8 and primary Toán 3–5
const TOAN_OTHER: Placed[] = [
  ...at('THCS_TOAN', 7, 'Số hữu tỉ', [
    mc(
      'NB',
      'Số nào sau đây là số hữu tỉ âm?',
      ['\\(\\frac{3}{5}\\)', '0', '\\(-\\frac{2}{7}\\)', '\\(\\frac{-3}{-4}\\)'],
      2,
    ),
    mc(
      'TH',
      'Kết quả của \\(\\left(-\\frac{1}{2}\\right)^3\\) là',
      ['\\(\\frac{1}{8}\\)', '\\(-\\frac{1}{8}\\)', '\\(-\\frac{1}{6}\\)', '\\(\\frac{3}{2}\\)'],
      1,
    ),
  ]),
  ...at('THCS_TOAN', 7, 'Số thực', [
    mc('NB', '\\(\\sqrt{49}\\) bằng', ['7', '−7', '±7', '49'], 0),
    mc(
      'TH',
      'Số nào sau đây là số vô tỉ?',
      ['\\(\\sqrt{16}\\)', '0,25', '\\(\\sqrt{2}\\)', '\\(-\\frac{1}{3}\\)'],
      2,
    ),
  ]),
  ...at('THCS_TOAN', 7, 'Góc và đường thẳng song song', [
    mc('NB', 'Hai góc đối đỉnh thì', ['bằng nhau', 'bù nhau', 'phụ nhau', 'kề nhau'], 0),
  ]),
  ...at('THCS_TOAN', 7, 'Tam giác', [
    mc(
      'TH',
      'Tam giác ABC có \\(\\widehat{A} = 60^\\circ\\), \\(\\widehat{B} = 70^\\circ\\). Số đo góc C là',
      ['50°', '60°', '70°', '130°'],
      0,
    ),
    essay(
      'VD',
      'Cho tam giác ABC cân tại A, M là trung điểm của BC. Chứng minh \\(\\triangle ABM = \\triangle ACM\\) và \\(AM \\perp BC\\).',
      [
        ['Vẽ hình, ghi giả thiết và kết luận', 0.25],
        ['Chứng minh \\(\\triangle ABM = \\triangle ACM\\) (c.c.c)', 0.5],
        ['Suy ra \\(\\widehat{AMB} = \\widehat{AMC} = 90^\\circ\\), nên \\(AM \\perp BC\\)', 0.25],
      ],
    ),
  ]),
  ...at('THCS_TOAN', 7, 'Biểu thức đại số', [
    sa('TH', 'Tính giá trị của biểu thức \\(2x^2 - 3\\) tại \\(x = -2\\).', 5),
    essay('VDC', 'Tìm giá trị nhỏ nhất của biểu thức \\(A = (x - 1)^2 + 2024\\).', [
      ['Lập luận \\((x - 1)^2 \\ge 0\\) với mọi x nên \\(A \\ge 2024\\)', 0.5],
      ['Dấu bằng khi \\(x = 1\\); giá trị nhỏ nhất của A là 2024', 0.5],
    ]),
  ]),
  ...at('THCS_TOAN', 7, 'Thống kê và xác suất', [
    tf(
      'VD',
      'Một túi có 3 viên bi đỏ, 5 viên bi xanh và 2 viên bi vàng có cùng kích thước. Lấy ngẫu nhiên một viên bi.',
      [
        'Có 10 kết quả có thể xảy ra.',
        'Xác suất lấy được bi xanh là \\(\\frac{1}{2}\\).',
        '«Lấy được bi trắng» là biến cố chắc chắn.',
        'Xác suất lấy được bi đỏ lớn hơn xác suất lấy được bi vàng.',
      ],
      'ĐĐSĐ',
    ),
  ]),
  ...at('THCS_TOAN', 8, 'Đa thức', [
    mc('NB', 'Bậc của đa thức \\(x^3y - 2xy + 5\\) là', ['3', '4', '2', '1'], 1),
  ]),
  ...at('THCS_TOAN', 8, 'Hằng đẳng thức đáng nhớ', [
    mc(
      'NB',
      '\\((a + b)^2\\) bằng',
      ['\\(a^2 + b^2\\)', '\\(a^2 + 2ab + b^2\\)', '\\(a^2 - 2ab + b^2\\)', '\\(a^2 + ab + b^2\\)'],
      1,
    ),
    mc(
      'TH',
      'Phân tích \\(x^2 - 9\\) thành nhân tử ta được',
      ['\\((x - 3)^2\\)', '\\((x - 9)(x + 1)\\)', '\\((x - 3)(x + 3)\\)', '\\((x + 3)^2\\)'],
      2,
    ),
  ]),
  ...at('THCS_TOAN', 8, 'Phương trình bậc nhất một ẩn', [
    sa('TH', 'Tìm nghiệm của phương trình \\(3x - 6 = 0\\).', 2),
    sa('VD', 'Giải phương trình \\(2(x - 1) = x + 5\\).', 7, '\\(2x - 2 = x + 5 \\Rightarrow x = 7\\).'),
    essay(
      'VDC',
      'Một người đi xe đạp từ A đến B với vận tốc 15 km/h; lúc về người đó đi với vận tốc 12 km/h nên thời gian về nhiều hơn thời gian đi 20 phút. Tính quãng đường AB.',
      [
        [
          'Gọi quãng đường AB là x (km, x > 0), lập phương trình \\(\\frac{x}{12} - \\frac{x}{15} = \\frac{1}{3}\\)',
          0.5,
        ],
        ['Giải được \\(x = 20\\) và kết luận quãng đường AB dài 20 km', 0.5],
      ],
    ),
  ]),
  ...at('THCS_TOAN', 8, 'Hàm số bậc nhất', [
    mc(
      'NB',
      'Hàm số nào sau đây là hàm số bậc nhất?',
      ['\\(y = 2x + 1\\)', '\\(y = x^2\\)', '\\(y = \\frac{1}{x}\\)', '\\(y = 0x + 3\\)'],
      0,
    ),
    tf(
      'TH',
      'Cho hàm số \\(y = 2x + 1\\).',
      [
        'Đồ thị hàm số đi qua điểm (0; 1).',
        'Hàm số nghịch biến trên \\(\\mathbb{R}\\).',
        'Hệ số góc của đường thẳng là 2.',
        'Đồ thị cắt trục hoành tại điểm có hoành độ bằng 1.',
      ],
      'ĐSĐS',
    ),
  ]),
  ...at('THCS_TOAN', 8, 'Tứ giác', [
    mc('NB', 'Tổng số đo các góc của một tứ giác bằng', ['180°', '270°', '360°', '540°'], 2),
  ]),
  ...at('THCS_TOAN', 8, 'Định lí Pythagore', [
    sa(
      'VD',
      'Tam giác ABC vuông tại A có AB = 6 cm, AC = 8 cm. Tính độ dài cạnh BC (đơn vị cm).',
      10,
      '\\(BC^2 = 6^2 + 8^2 = 100\\).',
    ),
  ]),
  // primary
  ...at('TH_TOAN', 3, 'Các số trong phạm vi 10 000', [
    mc('NB', 'Số liền sau của 4 999 là', ['4 998', '5 000', '5 999', '4 990'], 1),
    mc(
      'NB',
      'Số 7 408 đọc là',
      [
        'Bảy nghìn bốn trăm linh tám',
        'Bảy nghìn bốn mươi tám',
        'Bảy trăm bốn mươi tám',
        'Bảy nghìn tám trăm linh bốn',
      ],
      0,
    ),
  ]),
  ...at('TH_TOAN', 3, 'Phép nhân, phép chia', [
    mc('TH', '6 × 7 = ?', ['36', '42', '48', '49'], 1),
    sa('TH', '56 : 8 = ?', 7),
    sa('VD', 'Mỗi hộp có 6 cái bánh. Hỏi 8 hộp như thế có bao nhiêu cái bánh?', 48),
    sa('VDC', 'Một số nhân với 4 rồi cộng thêm 12 thì được 40. Tìm số đó.', 7, '(40 − 12) : 4 = 7.'),
  ]),
  ...at('TH_TOAN', 3, 'Hình học và đo lường', [
    mc('NB', 'Hình vuông có mấy góc vuông?', ['2', '3', '4', '1'], 2),
    fill('TH', 'Điền số thích hợp: 1 m = [[1]] cm.', [['100']]),
  ]),
  ...at('TH_TOAN', 4, 'Số tự nhiên', [
    mc('NB', 'Trong số 3 456 789, chữ số 5 thuộc hàng', ['trăm', 'nghìn', 'chục nghìn', 'trăm nghìn'], 2),
  ]),
  ...at('TH_TOAN', 4, 'Các phép tính với số tự nhiên', [
    sa('TH', 'Tính 1 245 × 3.', 3735),
    sa('VD', 'Tìm trung bình cộng của các số 36, 42 và 57.', 45),
    essay('VDC', 'Tổng của hai số là 124, hiệu của chúng là 28. Tìm hai số đó.', [
      ['Số lớn: (124 + 28) : 2 = 76', 0.5],
      ['Số bé: 124 − 76 = 48; đáp số', 0.5],
    ]),
  ]),
  ...at('TH_TOAN', 4, 'Phân số', [
    mc(
      'NB',
      'Một hình được chia thành 8 phần bằng nhau, đã tô màu 3 phần. Phân số chỉ phần đã tô màu là',
      ['\\(\\frac{3}{8}\\)', '\\(\\frac{8}{3}\\)', '\\(\\frac{5}{8}\\)', '\\(\\frac{3}{5}\\)'],
      0,
    ),
    mc(
      'TH',
      'Phân số nào bằng \\(\\frac{2}{3}\\)?',
      ['\\(\\frac{4}{6}\\)', '\\(\\frac{3}{2}\\)', '\\(\\frac{4}{9}\\)', '\\(\\frac{2}{6}\\)'],
      0,
    ),
  ]),
  ...at('TH_TOAN', 4, 'Hình học và đo lường', [
    tf(
      'TH',
      'Cho hình bình hành ABCD.',
      ['AB song song với CD.', 'AB = CD.', 'Bốn góc đều là góc vuông.', 'AD song song với BC.'],
      'ĐĐSĐ',
    ),
    mc(
      'VD',
      'Một hình chữ nhật có chu vi 56 cm, chiều dài hơn chiều rộng 6 cm. Chiều dài hình chữ nhật là',
      ['17 cm', '11 cm', '22 cm', '34 cm'],
      0,
      'Nửa chu vi 28 cm; chiều dài (28 + 6) : 2 = 17 (cm).',
    ),
  ]),
  ...at('TH_TOAN', 5, 'Số thập phân', [
    mc(
      'NB',
      'Số thập phân gồm 5 đơn vị, 3 phần mười và 7 phần trăm viết là',
      ['5,37', '5,73', '53,7', '0,537'],
      0,
    ),
  ]),
  ...at('TH_TOAN', 5, 'Các phép tính với số thập phân', [
    sa('TH', 'Tính 12,5 + 7,75.', 20.25),
    mc('TH', '4,5 × 10 = ?', ['0,45', '45', '450', '4,50'], 1),
  ]),
  ...at('TH_TOAN', 5, 'Tỉ số phần trăm', [
    mc('NB', 'Tỉ số phần trăm của 3 và 4 là', ['34%', '75%', '43%', '0,75%'], 1),
    sa('TH', 'Tìm 20% của 350.', 70),
  ]),
  ...at('TH_TOAN', 5, 'Hình học và đo lường', [
    sa('TH', 'Tính thể tích hình lập phương có cạnh 3 cm (đơn vị cm³).', 27),
  ]),
  ...at('TH_TOAN', 5, 'Chuyển động đều', [
    mc(
      'VD',
      'Một ô tô đi quãng đường 120 km hết 2 giờ 30 phút. Vận tốc của ô tô là',
      ['48 km/h', '60 km/h', '40 km/h', '50 km/h'],
      0,
    ),
    essay(
      'VDC',
      'Hai xe ô tô khởi hành cùng lúc từ hai địa điểm cách nhau 180 km, đi ngược chiều nhau với vận tốc 40 km/h và 50 km/h. Hỏi sau bao lâu hai xe gặp nhau?',
      [
        ['Tổng vận tốc hai xe: 40 + 50 = 90 (km/h)', 0.5],
        ['Thời gian để hai xe gặp nhau: 180 : 90 = 2 (giờ)', 0.5],
      ],
    ),
  ]),
];

// ---------------------------------------------------------------------------------------------------------
// Tiếng Việt 3–5 and Ngữ văn 6–8
const VIET_WRITING: [string, number][] = [
  ['Đúng yêu cầu của đề, nội dung phù hợp', 0.5],
  ['Bố cục rõ ràng, đủ số câu theo yêu cầu', 0.5],
  ['Dùng từ đúng, viết đúng chính tả và ngữ pháp', 0.5],
  ['Thể hiện được cảm xúc, suy nghĩ riêng của em', 0.5],
];
const VAN: Placed[] = [
  ...at('TH_TIENG_VIET', 3, 'Luyện từ và câu', [
    mc('NB', 'Từ nào sau đây là từ chỉ hoạt động?', ['cái bàn', 'chạy', 'xanh biếc', 'học sinh'], 1),
    mc(
      'TH',
      'Câu «Mặt trời như quả bóng lửa.» sử dụng biện pháp tu từ nào?',
      ['So sánh', 'Nhân hoá', 'Điệp từ', 'Đảo ngữ'],
      0,
    ),
    mc(
      'TH',
      'Câu «Bạn Lan đang đọc sách.» là kiểu câu nào?',
      ['Câu giới thiệu', 'Câu nêu hoạt động', 'Câu nêu đặc điểm', 'Câu cảm'],
      1,
    ),
    tf(
      'TH',
      'Cho câu: «Chú chim sâu nhỏ nhắn đang nhảy nhót trên cành cây.»',
      [
        '«nhỏ nhắn» là từ chỉ đặc điểm.',
        '«nhảy nhót» là từ chỉ hoạt động.',
        '«cành cây» là từ chỉ hoạt động.',
        'Câu trên kết thúc bằng dấu chấm.',
      ],
      'ĐĐSĐ',
    ),
    match('VD', 'Nối mỗi từ ở cột bên trái với từ có nghĩa trái ngược ở cột bên phải.', [
      ['cao', 'thấp'],
      ['nhanh', 'chậm'],
      ['vui', 'buồn'],
      ['sáng', 'tối'],
    ]),
    mc(
      'VD',
      'Dòng nào dưới đây gồm các từ có nghĩa giống với từ «chăm chỉ»?',
      ['siêng năng, cần cù', 'lười biếng, chây lười', 'thông minh, sáng dạ', 'hiền lành, tốt bụng'],
      0,
    ),
  ]),
  ...at('TH_TIENG_VIET', 3, 'Chính tả', [
    mc('NB', 'Từ nào viết đúng chính tả?', ['xinh xắn', 'sinh sắn', 'xinh sắn', 'sinh xắn'], 0),
    fill('NB', 'Điền chữ l hoặc n vào chỗ trống: «[[1]]ăm học mới, em quyết tâm học thật giỏi.»', [
      ['n', 'N'],
    ]),
  ]),
  ...at('TH_TIENG_VIET', 3, 'Đọc hiểu', [
    mc(
      'NB',
      'Trong câu «Những bông hoa phượng đỏ rực cả một góc sân trường.», từ nào chỉ màu sắc?',
      ['bông hoa', 'đỏ rực', 'góc sân', 'trường'],
      1,
    ),
  ]),
  ...at('TH_TIENG_VIET', 3, 'Viết', [
    essay('VDC', 'Viết đoạn văn (4–5 câu) kể về một việc em đã làm để giúp đỡ người thân.', VIET_WRITING),
  ]),
  ...at('TH_TIENG_VIET', 4, 'Luyện từ và câu', [
    mc(
      'NB',
      'Danh từ riêng nào sau đây được viết đúng quy tắc?',
      ['lai châu', 'Lai châu', 'Lai Châu', 'lai Châu'],
      2,
    ),
    mc('NB', 'Từ nào là động từ?', ['bàn ghế', 'suy nghĩ', 'xinh đẹp', 'cái bút'], 1),
    mc(
      'TH',
      'Trong câu «Sáng nay, em đi học sớm.», bộ phận trạng ngữ là',
      ['Sáng nay', 'em', 'đi học', 'sớm'],
      0,
    ),
    mc('TH', 'Tính từ trong câu «Cánh đồng lúa vàng óng.» là', ['cánh đồng', 'lúa', 'vàng óng', 'đồng'], 2),
    mc(
      'VD',
      'Câu nào dưới đây sử dụng biện pháp nhân hoá?',
      [
        'Chị gió hát ru cả khu vườn.',
        'Trăng tròn như quả bóng.',
        'Em học bài chăm chỉ.',
        'Bầu trời xanh thẳm.',
      ],
      0,
    ),
    match('TH', 'Nối mỗi sự vật ở cột bên trái với từ chỉ đặc điểm phù hợp ở cột bên phải.', [
      ['bầu trời', 'xanh thẳm'],
      ['dòng sông', 'uốn lượn'],
      ['ngọn núi', 'cao vút'],
      ['cánh đồng', 'bát ngát'],
    ]),
  ]),
  ...at('TH_TIENG_VIET', 4, 'Chính tả', [
    fill('TH', 'Điền ch hoặc tr vào chỗ trống: «[[1]]ăm chỉ học tập.»', [['ch', 'Ch']]),
  ]),
  ...at('TH_TIENG_VIET', 4, 'Đọc hiểu', [
    mc(
      'NB',
      'Dấu gạch ngang trong câu «– Mẹ ơi, con về rồi!» dùng để',
      [
        'đánh dấu lời nói trực tiếp của nhân vật',
        'nối các từ trong một liên danh',
        'đánh dấu các ý liệt kê',
        'ngăn cách bộ phận giải thích',
      ],
      0,
    ),
    tf(
      'VD',
      'Đọc đoạn văn: «Mùa xuân, cây gạo gọi đến bao nhiêu là chim. Chào mào, sáo sậu, sáo đen… đàn đàn lũ lũ bay đi bay về.» (Theo Vũ Tú Nam)',
      [
        'Đoạn văn dùng biện pháp nhân hoá qua từ «gọi».',
        '«Chào mào, sáo sậu, sáo đen» là tên các loài chim.',
        'Đoạn văn tả cảnh mùa đông.',
        'Từ «đàn đàn lũ lũ» gợi số lượng rất nhiều.',
      ],
      'ĐĐSĐ',
    ),
  ]),
  ...at('TH_TIENG_VIET', 4, 'Viết', [
    essay('VDC', 'Viết bài văn ngắn (khoảng 10 câu) tả một cây bóng mát ở sân trường em.', VIET_WRITING),
  ]),
  ...at('TH_TIENG_VIET', 5, 'Luyện từ và câu', [
    mc('NB', 'Từ nào đồng nghĩa với từ «Tổ quốc»?', ['Non sông', 'Làng xóm', 'Gia đình', 'Trường học'], 0),
    mc('NB', 'Cặp từ nào là cặp từ trái nghĩa?', ['to – lớn', 'cao – thấp', 'xinh – đẹp', 'chăm – siêng'], 1),
    mc(
      'TH',
      'Từ «chạy» trong câu nào được dùng với nghĩa gốc?',
      ['Em chạy thi 100 m.', 'Đồng hồ chạy đúng giờ.', 'Nhà máy chạy hết công suất.', 'Mẹ chạy ăn từng bữa.'],
      0,
    ),
    mc(
      'TH',
      'Các vế trong câu ghép «Trời mưa to nhưng chúng em vẫn đến trường đúng giờ.» được nối với nhau bằng',
      ['quan hệ từ «nhưng»', 'dấu phẩy', 'cặp quan hệ từ', 'dấu chấm phẩy'],
      0,
    ),
    fill('TH', 'Điền cặp quan hệ từ thích hợp: «[[1]] trời mưa [[2]] đường trơn.»', [
      ['Vì', 'Do', 'Tại', 'Bởi vì', 'Tại vì'],
      ['nên', 'cho nên'],
    ]),
    mc(
      'VD',
      'Câu nào có dấu phẩy ngăn cách trạng ngữ với chủ ngữ và vị ngữ?',
      [
        'Sáng sớm, sương phủ trắng cánh đồng.',
        'Lan, Hoa và Mai là bạn thân.',
        'Em thích đọc sách, vẽ tranh.',
        'Hoa hồng, hoa cúc đều đẹp.',
      ],
      0,
    ),
    match('NB', 'Nối mỗi từ ở cột bên trái với nghĩa phù hợp ở cột bên phải.', [
      ['hoà bình', 'trạng thái không có chiến tranh'],
      ['hữu nghị', 'tình cảm thân thiện giữa các nước'],
      ['hợp tác', 'cùng chung sức làm một việc'],
    ]),
  ]),
  ...at('TH_TIENG_VIET', 5, 'Chính tả', [
    mc('NB', 'Từ nào viết đúng chính tả?', ['khúc khuỷu', 'khúc khỉu', 'khúc khủy', 'khúc khịu'], 0),
  ]),
  ...at('TH_TIENG_VIET', 5, 'Đọc hiểu', [
    tf(
      'VD',
      'Đọc câu thơ: «Quê hương là chùm khế ngọt / Cho con trèo hái mỗi ngày» (Đỗ Trung Quân).',
      [
        'Tác giả dùng hình ảnh «chùm khế ngọt» để nói về quê hương.',
        'Từ «con» chỉ người con của quê hương.',
        'Câu thơ có sử dụng biện pháp so sánh.',
        'Câu thơ tả cảnh biển.',
      ],
      'ĐĐĐS',
    ),
  ]),
  ...at('TH_TIENG_VIET', 5, 'Viết', [
    essay('VDC', 'Viết bài văn tả cảnh quê hương em vào một buổi sáng.', VIET_WRITING),
  ]),
  // Ngữ văn 6–8
  ...at('THCS_NGU_VAN', 6, 'Đọc hiểu văn bản văn học', [
    mc(
      'NB',
      'Truyện «Thánh Gióng» thuộc thể loại nào?',
      ['Truyền thuyết', 'Cổ tích', 'Ngụ ngôn', 'Truyện cười'],
      0,
    ),
    mc(
      'NB',
      'Trong thể thơ lục bát, mỗi cặp câu gồm',
      [
        'một câu sáu chữ và một câu tám chữ',
        'hai câu bảy chữ',
        'hai câu tám chữ',
        'một câu năm chữ và một câu bảy chữ',
      ],
      0,
    ),
    tf(
      'TH',
      'Về truyện «Sơn Tinh, Thủy Tinh»:',
      [
        'Đây là truyện truyền thuyết.',
        'Truyện giải thích hiện tượng lũ lụt hằng năm.',
        'Thủy Tinh là người chiến thắng.',
        'Vua Hùng kén rể cho con gái là Mị Nương.',
      ],
      'ĐĐSĐ',
    ),
  ]),
  ...at('THCS_NGU_VAN', 6, 'Đọc hiểu văn bản thông tin', [
    mc(
      'NB',
      'Văn bản thông tin chủ yếu dùng để',
      [
        'cung cấp thông tin về sự vật, sự việc',
        'bộc lộ cảm xúc',
        'kể chuyện tưởng tượng',
        'thuyết phục bằng lí lẽ',
      ],
      0,
    ),
  ]),
  ...at('THCS_NGU_VAN', 6, 'Tiếng Việt', [
    mc('TH', 'Từ nào sau đây là từ ghép?', ['sách vở', 'lấp lánh', 'xinh xinh', 'thăm thẳm'], 0),
    mc(
      'TH',
      'Hai câu thơ «Những ngôi sao thức ngoài kia / Chẳng bằng mẹ đã thức vì chúng con» (Trần Quốc Minh) có sử dụng biện pháp tu từ nào trong các biện pháp sau?',
      ['So sánh', 'Hoán dụ', 'Điệp ngữ', 'Liệt kê'],
      0,
    ),
    fill('TH', 'Điền từ thích hợp để hoàn thành câu tục ngữ: «Có công mài sắt, có ngày nên [[1]].»', [
      ['kim'],
    ]),
    mc(
      'VD',
      'Trong câu «Cả làng đổ ra xem hội.», từ «làng» được dùng theo biện pháp tu từ',
      ['hoán dụ', 'ẩn dụ', 'so sánh', 'nhân hoá'],
      0,
      '«Làng» chỉ những người dân sống trong làng.',
    ),
  ]),
  ...at('THCS_NGU_VAN', 6, 'Viết', [
    essay('VD', 'Viết đoạn văn (khoảng 150 chữ) nêu cảm nghĩ của em về nhân vật Thánh Gióng.', VIET_WRITING),
    essay('VDC', 'Viết bài văn kể lại một trải nghiệm đáng nhớ của em trong năm học lớp 6.', [
      ['Bố cục ba phần rõ ràng, kể theo ngôi thứ nhất', 0.5],
      ['Kể được diễn biến trải nghiệm theo trình tự hợp lí', 1],
      ['Nêu được ý nghĩa, bài học rút ra từ trải nghiệm', 0.5],
      ['Diễn đạt mạch lạc, sáng tạo; đúng chính tả, ngữ pháp', 0.5],
    ]),
  ]),
  ...at('THCS_NGU_VAN', 7, 'Đọc hiểu văn bản văn học', [
    mc(
      'NB',
      'Tục ngữ là',
      [
        'câu nói ngắn gọn, có vần, đúc kết kinh nghiệm của nhân dân',
        'bài thơ lục bát',
        'truyện ngắn dân gian',
        'lời hát ru',
      ],
      0,
    ),
    mc(
      'NB',
      'Truyện «Ếch ngồi đáy giếng» thuộc thể loại',
      ['Ngụ ngôn', 'Truyền thuyết', 'Cổ tích', 'Thần thoại'],
      0,
    ),
    mc(
      'TH',
      'Câu tục ngữ «Ăn quả nhớ kẻ trồng cây» khuyên chúng ta',
      ['biết ơn người đi trước', 'chăm chỉ trồng cây', 'ăn nhiều hoa quả', 'tiết kiệm'],
      0,
    ),
    tf(
      'TH',
      'Về thể loại truyện ngụ ngôn:',
      [
        'Truyện thường ngắn gọn.',
        'Nhân vật có thể là con vật, đồ vật.',
        'Truyện luôn có kết thúc có hậu như truyện cổ tích.',
        'Truyện gửi gắm bài học về cách nhìn, cách sống.',
      ],
      'ĐĐSĐ',
    ),
  ]),
  ...at('THCS_NGU_VAN', 7, 'Tiếng Việt', [
    mc(
      'NB',
      'Số từ trong câu «Ba bạn học sinh đang trực nhật.» là',
      ['Ba', 'bạn', 'học sinh', 'trực nhật'],
      0,
    ),
    mc('TH', 'Phó từ trong câu «Em đã làm bài tập.» là', ['đã', 'làm', 'bài tập', 'Em'], 0),
    mc(
      'VD',
      'Câu nào sử dụng biện pháp nói quá?',
      ['Đẹp nghiêng nước nghiêng thành.', 'Trời hôm nay nắng.', 'Em đi học.', 'Lá cây màu xanh.'],
      0,
    ),
    fill('VD', 'Điền từ trái nghĩa thích hợp để hoàn thành câu tục ngữ: «Lá lành đùm lá [[1]].»', [['rách']]),
  ]),
  ...at('THCS_NGU_VAN', 7, 'Viết', [
    essay('VD', 'Viết đoạn văn (khoảng 200 chữ) trình bày ý kiến của em về việc đọc sách.', VIET_WRITING),
    essay('VDC', 'Viết bài văn nghị luận về ý nghĩa của lòng biết ơn trong cuộc sống.', [
      ['Nêu được vấn đề nghị luận', 0.5],
      ['Giải thích và trình bày ý kiến bằng lí lẽ rõ ràng', 1],
      ['Có bằng chứng thuyết phục từ đời sống', 1],
      ['Liên hệ bản thân; diễn đạt mạch lạc, đúng chính tả', 0.5],
    ]),
  ]),
  ...at('THCS_NGU_VAN', 8, 'Đọc hiểu văn bản văn học', [
    mc('NB', 'Mỗi dòng trong bài thơ bảy chữ có', ['7 tiếng', '6 tiếng', '8 tiếng', '5 tiếng'], 0),
    mc(
      'NB',
      'Truyện cười thường nhằm mục đích',
      [
        'gây cười và phê phán thói hư tật xấu',
        'ca ngợi người anh hùng',
        'giải thích nguồn gốc sự vật',
        'kể về thần linh',
      ],
      0,
    ),
  ]),
  ...at('THCS_NGU_VAN', 8, 'Đọc hiểu văn bản thông tin', [
    tf(
      'TH',
      'Về văn bản thông tin giải thích một hiện tượng tự nhiên:',
      [
        'Thường trình bày theo quan hệ nguyên nhân – kết quả.',
        'Có thể dùng hình ảnh, sơ đồ minh hoạ.',
        'Chủ yếu dùng để kể chuyện tưởng tượng.',
        'Ngôn ngữ cần chính xác, khách quan.',
      ],
      'ĐĐSĐ',
    ),
  ]),
  ...at('THCS_NGU_VAN', 8, 'Tiếng Việt', [
    mc('NB', 'Trợ từ trong câu «Chính em đã nói điều đó.» là', ['Chính', 'em', 'đã', 'điều'], 0),
    mc('TH', 'Câu «Trời ơi, đẹp quá!» là kiểu câu', ['câu cảm', 'câu hỏi', 'câu khiến', 'câu kể'], 0),
    mc('TH', 'Từ nào sau đây là từ tượng hình?', ['lom khom', 'róc rách', 'ào ào', 'lách tách'], 0),
    mc(
      'VD',
      'Câu thơ nào có sử dụng biện pháp đảo ngữ?',
      [
        'Lom khom dưới núi, tiều vài chú',
        'Em đang học bài.',
        'Trăng tròn như đĩa bạc.',
        'Mặt trời mọc ở đằng đông.',
      ],
      0,
    ),
    fill('VD', 'Hoàn thành thành ngữ: «Chân cứng đá [[1]]».', [['mềm']]),
  ]),
  ...at('THCS_NGU_VAN', 8, 'Viết', [
    essay(
      'VD',
      'Viết đoạn văn phân tích tác dụng của biện pháp đảo ngữ trong hai câu thơ «Lom khom dưới núi, tiều vài chú / Lác đác bên sông, chợ mấy nhà» (Bà Huyện Thanh Quan, «Qua Đèo Ngang»).',
      [
        ['Chỉ ra biện pháp đảo ngữ (đưa từ láy «lom khom», «lác đác» lên đầu câu)', 0.5],
        ['Nêu tác dụng: nhấn mạnh sự thưa thớt, vắng vẻ của cảnh vật', 1],
        ['Liên hệ tâm trạng buồn, cô đơn của nhà thơ', 0.5],
      ],
    ),
    essay('VDC', 'Viết bài văn nghị luận về vấn đề: học sinh với việc sử dụng mạng xã hội.', [
      ['Nêu được vấn đề nghị luận', 0.5],
      ['Phân tích mặt tích cực và tiêu cực của mạng xã hội', 1],
      ['Đề xuất cách sử dụng mạng xã hội an toàn, hiệu quả', 1],
      ['Bố cục chặt chẽ; diễn đạt mạch lạc, đúng chính tả', 0.5],
    ]),
  ]),
];

// ---------------------------------------------------------------------------------------------------------
// Tiếng Anh 3–8
const ENGLISH_WRITING: [string, number][] = [
  ['Đúng nội dung và độ dài yêu cầu', 0.5],
  ['Dùng đúng ngữ pháp, từ vựng', 0.5],
];
const EN = (grade: number) => (grade <= 5 ? 'TH_NGOAI_NGU_1' : 'THCS_NGOAI_NGU_1');
const ANH: Placed[] = [
  ...at(EN(3), 3, 'Từ vựng', [
    mc('NB', 'Which word is a colour?', ['red', 'cat', 'pen', 'run'], 0),
    match('NB', 'Match the numbers with their meanings.', [
      ['one', 'một'],
      ['two', 'hai'],
      ['three', 'ba'],
      ['four', 'bốn'],
    ]),
  ]),
  ...at(EN(3), 3, 'Ngữ âm', [
    mc('NB', 'Which word has a different vowel sound?', ['cat', 'hat', 'name', 'bag'], 2),
  ]),
  ...at(EN(3), 3, 'Ngữ pháp', [
    mc('TH', 'What ___ your name?', ['is', 'are', 'am', 'be'], 0),
    mc('TH', '___ is this? – It’s a book.', ['What', 'Who', 'How', 'Where'], 0),
    fill('TH', 'Complete: Hello. My [[1]] is Mai.', [['name']]),
  ]),
  ...at(EN(3), 3, 'Đọc hiểu', [
    mc(
      'VD',
      'Read: «I am Nam. I am eight years old. I like football.» How old is Nam?',
      ['8', '7', '9', '10'],
      0,
    ),
  ]),
  ...at(EN(3), 3, 'Viết', [
    fill('VDC', 'Put the words in order to make a sentence: like / I / apples → [[1]]', [
      ['I like apples', 'I like apples.'],
    ]),
  ]),
  ...at(EN(4), 4, 'Từ vựng', [
    mc('NB', 'What day is it today? – It’s ___.', ['Monday', 'May', 'summer', 'morning'], 0),
    fill('TH', 'What’s the weather like? – It’s [[1]]. (nắng)', [['sunny']]),
  ]),
  ...at(EN(4), 4, 'Ngữ âm', [
    mc('NB', 'Which word begins with the /ʃ/ sound?', ['shop', 'chair', 'cat', 'sun'], 0),
  ]),
  ...at(EN(4), 4, 'Ngữ pháp', [
    mc('TH', 'She ___ a teacher.', ['is', 'are', 'am', 'be'], 0),
    mc('TH', 'Can you swim? – Yes, I ___.', ['can', 'can’t', 'do', 'am'], 0),
  ]),
  ...at(EN(4), 4, 'Đọc hiểu', [
    tf(
      'VD',
      'Read: «Linh gets up at six o’clock. She has breakfast at half past six. She goes to school at seven o’clock.»',
      [
        'Linh gets up at 6:00.',
        'She has breakfast at 6:30.',
        'She goes to school at 7:30.',
        'She has breakfast before she gets up.',
      ],
      'ĐĐSS',
    ),
    match('VD', 'Match the questions with the answers.', [
      ['What’s your name?', 'My name is Hoa.'],
      ['How old are you?', 'I’m nine years old.'],
      ['Where are you from?', 'I’m from Viet Nam.'],
    ]),
  ]),
  ...at(EN(4), 4, 'Viết', [essay('VDC', 'Write 3–4 sentences about your family.', ENGLISH_WRITING)]),
  ...at(EN(5), 5, 'Ngữ pháp', [
    mc('NB', 'I live ___ a small village in Lai Chau.', ['in', 'on', 'at', 'to'], 0),
    mc('TH', 'What did you do yesterday? – I ___ football.', ['played', 'play', 'playing', 'plays'], 0),
    mc(
      'TH',
      'How often do you go to the library? – ___',
      ['Twice a week.', 'By bike.', 'In the morning.', 'Yes, I do.'],
      0,
    ),
    fill('TH', 'Complete: He [[1]] (watch) TV every evening.', [['watches']]),
  ]),
  ...at(EN(5), 5, 'Từ vựng', [
    mc('NB', 'Which word is a job?', ['doctor', 'hospital', 'happy', 'play'], 0),
    match('VD', 'Match the verbs with the words.', [
      ['ride', 'a bike'],
      ['fly', 'a kite'],
      ['play', 'football'],
    ]),
  ]),
  ...at(EN(5), 5, 'Đọc hiểu', [
    tf(
      'VD',
      'Read: «Mai’s family is going to visit Sa Pa next summer. They will go there by coach. They will see the mountains and visit a local market.»',
      [
        'Mai’s family will visit Sa Pa.',
        'They will go there by train.',
        'They will visit a market.',
        'They are going there next winter.',
      ],
      'ĐSĐS',
    ),
  ]),
  ...at(EN(5), 5, 'Viết', [
    essay('VDC', 'Write a short paragraph (40–50 words) about your favourite festival.', ENGLISH_WRITING),
  ]),
  ...at(EN(6), 6, 'Ngữ âm', [
    mc(
      'NB',
      'Choose the word whose ending «-s» is pronounced differently from the others.',
      ['books', 'pens', 'cats', 'maps'],
      1,
    ),
  ]),
  ...at(EN(6), 6, 'Từ vựng', [
    mc('NB', 'We use ___ to write on the blackboard.', ['chalk', 'a ruler', 'a rubber', 'a compass'], 0),
    mc('NB', 'My house is ___ the post office and the bank.', ['between', 'next', 'behind of', 'in'], 0),
    mc('NB', 'Which of these is a school subject?', ['History', 'Kitchen', 'Bedroom', 'Garden'], 0),
    match('VD', 'Match the activities with the places.', [
      ['borrow books', 'library'],
      ['buy bread', 'bakery'],
      ['see a doctor', 'hospital'],
      ['watch a film', 'cinema'],
    ]),
  ]),
  ...at(EN(6), 6, 'Ngữ pháp', [
    mc('TH', 'There ___ two bedrooms in my flat.', ['are', 'is', 'am', 'be'], 0),
    mc('TH', 'She usually ___ to school by bike.', ['goes', 'go', 'going', 'is go'], 0),
    mc('TH', 'Look! The children ___ in the schoolyard.', ['are playing', 'play', 'plays', 'played'], 0),
    fill('TH', 'Complete: My sister is [[1]] (tall) than me.', [['taller']]),
  ]),
  ...at(EN(6), 6, 'Đọc hiểu', [
    tf(
      'VD',
      'Read: «Lai Chau is a mountainous province in the north-west of Viet Nam. It has beautiful terraced fields and many ethnic groups such as the Thai, the Mong and the Dao. In winter, it is often cold.»',
      [
        'Lai Chau is in the north-west of Viet Nam.',
        'There are no ethnic groups in Lai Chau.',
        'It is often cold in winter.',
        'Lai Chau is a coastal province.',
      ],
      'ĐSĐS',
    ),
    mc(
      'VD',
      'What does the sign «NO SMOKING» mean?',
      [
        'You mustn’t smoke here.',
        'You can smoke here.',
        'You should smoke here.',
        'Smoking is good for you.',
      ],
      0,
    ),
  ]),
  ...at(EN(6), 6, 'Viết', [
    fill(
      'VDC',
      'Rewrite the sentence so that it means the same: «My house is bigger than your house.» → Your house is [[1]] than my house.',
      [['smaller']],
    ),
    essay('VDC', 'Write an email (50–60 words) to a friend to describe your new school.', ENGLISH_WRITING),
  ]),
  ...at(EN(7), 7, 'Ngữ âm', [
    mc(
      'NB',
      'Choose the word whose ending «-ed» is pronounced /ɪd/.',
      ['wanted', 'played', 'watched', 'cleaned'],
      0,
    ),
  ]),
  ...at(EN(7), 7, 'Từ vựng', [
    mc('NB', 'A person who plays music is a ___.', ['musician', 'painter', 'writer', 'farmer'], 0),
    match('VD', 'Match the festivals with the countries.', [
      ['Tet', 'Viet Nam'],
      ['Songkran', 'Thailand'],
      ['Diwali', 'India'],
      ['Thanksgiving', 'the USA'],
    ]),
    fill('VD', 'Complete with the correct form of the word: Eating too much fast food is [[1]] (health).', [
      ['unhealthy'],
    ]),
  ]),
  ...at(EN(7), 7, 'Ngữ pháp', [
    mc('TH', 'I ___ my grandparents last weekend.', ['visited', 'visit', 'visits', 'am visiting'], 0),
    mc('TH', 'How ___ sugar do you need? – Two kilos.', ['much', 'many', 'long', 'often'], 0),
    mc('TH', 'We should ___ more vegetables to stay healthy.', ['eat', 'eating', 'to eat', 'eats'], 0),
    fill('TH', 'Complete: It takes about two hours [[1]] get from Lai Chau to Sa Pa by car.', [['to']]),
    mc(
      'VD',
      'Although it was raining, ___.',
      [
        'they still went to school',
        'they stayed at home because of it',
        'so they went out',
        'but they went out',
      ],
      0,
    ),
  ]),
  ...at(EN(7), 7, 'Đọc hiểu', [
    tf(
      'VD',
      'Read: «Tom goes to the sports centre three times a week. He plays badminton on Mondays and Wednesdays and goes swimming on Saturdays. He thinks doing sport keeps him fit.»',
      [
        'Tom goes to the sports centre three times a week.',
        'He plays badminton on Saturdays.',
        'He goes swimming once a week.',
        'Tom thinks sport is bad for his health.',
      ],
      'ĐSĐS',
    ),
  ]),
  ...at(EN(7), 7, 'Viết', [
    fill(
      'VDC',
      'Rewrite the sentence so that it means the same: «He started learning English five years ago.» → He has [[1]] English for five years.',
      [['learned', 'learnt', 'been learning']],
    ),
    essay(
      'VDC',
      'Write a paragraph (80–100 words) about a traditional festival in your area, for example the Then Kin Pang festival of the Lu people in Lai Chau.',
      ENGLISH_WRITING,
    ),
  ]),
  ...at(EN(8), 8, 'Ngữ âm', [
    mc(
      'NB',
      'Choose the word that has a different stress pattern from the others.',
      ['village', 'rural', 'peaceful', 'enjoy'],
      3,
    ),
  ]),
  ...at(EN(8), 8, 'Từ vựng', [
    mc(
      'NB',
      'The Tay, the Thai and the Mong are ___ groups in Viet Nam.',
      ['ethnic', 'nation', 'region', 'local'],
      0,
    ),
    mc('NB', 'Which word is closest in meaning to «help»?', ['assist', 'harm', 'refuse', 'ignore'], 0),
    match('VD', 'Match the words with their definitions.', [
      ['pollution', 'the process of making air, water or soil dirty'],
      ['recycle', 'to treat used things so that they can be used again'],
      ['deforestation', 'the cutting down of trees in a large area'],
    ]),
  ]),
  ...at(EN(8), 8, 'Ngữ pháp', [
    mc(
      'TH',
      'I enjoy ___ time with my friends at weekends.',
      ['spending', 'spend', 'to spending', 'spent'],
      0,
    ),
    mc(
      'TH',
      'Life in the countryside is ___ than life in the city.',
      ['more peaceful', 'peacefuler', 'most peaceful', 'peaceful'],
      0,
    ),
    mc('TH', 'If it rains tomorrow, we ___ at home.', ['will stay', 'stay', 'stayed', 'would stay'], 0),
    fill('TH', 'Complete: She is interested [[1]] learning about different cultures.', [['in']]),
    mc(
      'VD',
      'Choose the sentence closest in meaning: «It isn’t necessary for you to bring food.»',
      [
        'You don’t have to bring food.',
        'You must bring food.',
        'You mustn’t bring food.',
        'You should bring food.',
      ],
      0,
    ),
  ]),
  ...at(EN(8), 8, 'Đọc hiểu', [
    tf(
      'VD',
      'Read: «Terraced rice fields are common in the mountainous areas of northern Viet Nam. Farmers build them on hillsides to grow rice. The fields are most beautiful in September and October, when the rice turns yellow.»',
      [
        'Terraced fields are built on hillsides.',
        'They are common in the Mekong Delta.',
        'The rice turns yellow in September and October.',
        'Farmers use the fields to grow tea.',
      ],
      'ĐSĐS',
    ),
  ]),
  ...at(EN(8), 8, 'Viết', [
    fill(
      'VDC',
      'Combine the sentences: «He was tired. He went on working.» → Although he [[1]] tired, he went on working.',
      [['was']],
    ),
    essay(
      'VDC',
      'Write a paragraph (100–120 words) about the advantages of living in the countryside.',
      ENGLISH_WRITING,
    ),
  ]),
];

// ---------------------------------------------------------------------------------------------------------
// Khoa học tự nhiên 8 (the grade-8 city test is drawn from these), 6, 7 and Khoa học 4–5
const KHTN_8: Placed[] = [
  ...at('THCS_KHTN', 8, 'Phản ứng hoá học', [
    mc(
      'NB',
      'Hiện tượng nào sau đây là biến đổi hoá học?',
      [
        'Nước đá tan thành nước lỏng',
        'Cồn bay hơi',
        'Đốt cháy than tạo ra khí carbon dioxide',
        'Muối ăn hoà tan vào nước',
      ],
      2,
    ),
    mc(
      'NB',
      'Trong một phản ứng hoá học, tổng khối lượng các chất sản phẩm so với tổng khối lượng các chất tham gia phản ứng',
      ['bằng nhau', 'lớn hơn', 'nhỏ hơn', 'lớn hơn hoặc nhỏ hơn tuỳ phản ứng'],
      0,
    ),
    mc(
      'NB',
      'Ở điều kiện chuẩn (25 °C, 1 bar), một mol chất khí bất kì chiếm thể tích là',
      ['24,79 L', '22,4 L', '11,2 L', '1 L'],
      0,
    ),
    mc(
      'NB',
      'Khối lượng mol của nước (\\(\\mathrm{H_2O}\\)) là (biết H = 1, O = 16)',
      ['18 g/mol', '17 g/mol', '16 g/mol', '34 g/mol'],
      0,
    ),
    mc(
      'NB',
      'Chất xúc tác là chất',
      [
        'làm tăng tốc độ phản ứng nhưng không bị tiêu hao',
        'làm giảm tốc độ phản ứng',
        'bị tiêu hao hết sau phản ứng',
        'là sản phẩm của phản ứng',
      ],
      0,
    ),
    mc(
      'TH',
      'Phương trình hoá học nào sau đây được cân bằng đúng?',
      [
        '\\(2\\mathrm{H_2} + \\mathrm{O_2} \\to 2\\mathrm{H_2O}\\)',
        '\\(\\mathrm{H_2} + \\mathrm{O_2} \\to \\mathrm{H_2O}\\)',
        '\\(\\mathrm{H_2} + 2\\mathrm{O_2} \\to \\mathrm{H_2O}\\)',
        '\\(2\\mathrm{H_2} + \\mathrm{O_2} \\to \\mathrm{H_2O}\\)',
      ],
      0,
    ),
    mc('TH', 'Số mol của 5,6 g sắt (Fe = 56) là', ['0,1 mol', '1 mol', '0,01 mol', '10 mol'], 0),
    tf(
      'NB',
      'Nhỏ dung dịch hydrochloric acid vào một mẩu đá vôi (calcium carbonate).',
      [
        'Có bọt khí thoát ra.',
        'Khí thoát ra là carbon dioxide.',
        'Đây là hiện tượng vật lí.',
        'Tổng khối lượng các chất được bảo toàn.',
      ],
      'ĐĐSĐ',
    ),
    tf(
      'NB',
      'Về tốc độ phản ứng:',
      [
        'Tăng nhiệt độ thường làm tăng tốc độ phản ứng.',
        'Than tổ ong có nhiều lỗ để tăng diện tích tiếp xúc với không khí.',
        'Nồng độ chất phản ứng không ảnh hưởng tới tốc độ phản ứng.',
        'Bảo quản thực phẩm trong tủ lạnh giúp làm chậm quá trình ôi thiu.',
      ],
      'ĐĐSĐ',
    ),
    sa(
      'TH',
      'Đốt cháy hoàn toàn 0,2 mol khí hydrogen trong oxygen. Số mol nước tạo thành là bao nhiêu?',
      0.2,
      '\\(2\\mathrm{H_2} + \\mathrm{O_2} \\to 2\\mathrm{H_2O}\\): số mol nước bằng số mol hydrogen.',
    ),
    essay(
      'VD',
      'Đốt cháy hoàn toàn 2,4 g magnesium (Mg = 24) trong khí oxygen thu được magnesium oxide (MgO). a) Viết phương trình hoá học. b) Tính khối lượng MgO thu được (O = 16).',
      [
        ['Viết đúng phương trình \\(2\\mathrm{Mg} + \\mathrm{O_2} \\to 2\\mathrm{MgO}\\)', 0.25],
        ['Tính số mol Mg: 0,1 mol', 0.25],
        ['Tính khối lượng MgO: \\(0{,}1 \\cdot 40 = 4\\) (g)', 0.5],
      ],
    ),
    essay(
      'VD',
      'Cho 6,5 g zinc (Zn = 65) tác dụng hết với dung dịch hydrochloric acid. Tính thể tích khí hydrogen thu được ở điều kiện chuẩn (25 °C, 1 bar).',
      [
        [
          'Viết đúng phương trình \\(\\mathrm{Zn} + 2\\mathrm{HCl} \\to \\mathrm{ZnCl_2} + \\mathrm{H_2}\\)',
          0.25,
        ],
        ['Số mol Zn = số mol \\(\\mathrm{H_2}\\) = 0,1 mol', 0.25],
        ['Thể tích \\(\\mathrm{H_2}\\): \\(0{,}1 \\cdot 24{,}79 = 2{,}479\\) (L)', 0.5],
      ],
    ),
    essay(
      'VDC',
      'Nung 10 g đá vôi (gồm \\(\\mathrm{CaCO_3}\\) và tạp chất không bị phân huỷ) đến khi phản ứng hoàn toàn, thu được 2,2 g khí carbon dioxide. Tính phần trăm khối lượng \\(\\mathrm{CaCO_3}\\) trong đá vôi (Ca = 40, C = 12, O = 16).',
      [
        [
          'Viết phương trình \\(\\mathrm{CaCO_3} \\to \\mathrm{CaO} + \\mathrm{CO_2}\\), tính số mol \\(\\mathrm{CO_2}\\) = 0,05 mol',
          0.5,
        ],
        ['Khối lượng \\(\\mathrm{CaCO_3}\\) = 5 g; phần trăm khối lượng là 50%', 0.5],
      ],
    ),
  ]),
  ...at('THCS_KHTN', 8, 'Acid – Base – Muối', [
    mc('NB', 'Dung dịch nào sau đây làm quỳ tím chuyển sang màu đỏ?', ['HCl', 'NaOH', 'NaCl', 'Nước cất'], 0),
    mc(
      'NB',
      'Dung dịch có pH = 7 là dung dịch',
      ['trung tính', 'có tính acid', 'có tính base', 'muối acid'],
      0,
    ),
    mc('NB', 'Chất nào sau đây là base?', ['NaOH', 'HCl', 'NaCl', '\\(\\mathrm{CO_2}\\)'], 0),
    mc(
      'NB',
      'Oxide nào sau đây là oxide acid?',
      ['\\(\\mathrm{CO_2}\\)', 'CaO', '\\(\\mathrm{Na_2O}\\)', 'MgO'],
      0,
    ),
    mc('NB', 'Muối ăn có công thức hoá học là', ['NaCl', 'KCl', 'NaOH', '\\(\\mathrm{Na_2CO_3}\\)'], 0),
    mc(
      'NB',
      'Khí nào sau đây là một trong những nguyên nhân gây ra mưa acid?',
      ['\\(\\mathrm{SO_2}\\)', '\\(\\mathrm{O_2}\\)', '\\(\\mathrm{N_2}\\)', 'He'],
      0,
    ),
    mc(
      'TH',
      'Phản ứng giữa acid và base được gọi là phản ứng',
      ['trung hoà', 'phân huỷ', 'hoá hợp', 'thế'],
      0,
    ),
    mc(
      'TH',
      'Nhỏ dung dịch NaOH vào dung dịch \\(\\mathrm{CuSO_4}\\), hiện tượng quan sát được là',
      [
        'xuất hiện kết tủa màu xanh lam',
        'có khí thoát ra',
        'dung dịch chuyển màu đỏ',
        'không có hiện tượng gì',
      ],
      0,
    ),
    sa('TH', 'Cần bao nhiêu mol NaOH để trung hoà vừa đủ 0,3 mol HCl?', 0.3),
    sa(
      'TH',
      'Hoà tan 4 g NaOH (Na = 23, O = 16, H = 1) vào nước được 200 mL dung dịch. Nồng độ mol của dung dịch là bao nhiêu mol/L?',
      0.5,
    ),
    tf(
      'TH',
      'Về dung dịch acid:',
      [
        'Dung dịch acid làm quỳ tím chuyển sang màu đỏ.',
        'Dung dịch acid có pH lớn hơn 7.',
        'Dung dịch acid tác dụng với một số kim loại như Zn, Fe giải phóng khí hydrogen.',
        'Nước chanh có tính acid.',
      ],
      'ĐSĐĐ',
    ),
    essay(
      'VD',
      'Vì sao khi bị ong đốt (nọc ong có tính acid), người ta thường bôi vôi (có tính base) vào vết đốt? Giải thích.',
      [
        ['Nêu được nọc ong có tính acid', 0.25],
        ['Vôi có tính base, trung hoà acid trong nọc ong', 0.5],
        ['Nhờ đó giảm đau, giảm sưng', 0.25],
      ],
    ),
    essay(
      'VDC',
      'Đất ở một số ruộng tại Lai Châu bị chua (pH thấp). Em hãy đề xuất biện pháp cải tạo đất chua và giải thích cơ sở khoa học của biện pháp đó.',
      [
        ['Đề xuất bón vôi (CaO hoặc \\(\\mathrm{Ca(OH)_2}\\)) hợp lí', 0.5],
        ['Giải thích: vôi có tính base, trung hoà acid trong đất làm tăng pH', 0.5],
      ],
    ),
  ]),
  ...at('THCS_KHTN', 8, 'Khối lượng riêng và áp suất', [
    mc('NB', 'Đơn vị của khối lượng riêng trong hệ SI là', ['kg/m³', 'N/m²', 'kg', 'N'], 0),
    mc(
      'NB',
      'Áp suất được tính bằng công thức',
      ['\\(p = \\frac{F}{S}\\)', '\\(p = F \\cdot S\\)', '\\(p = \\frac{S}{F}\\)', '\\(p = \\frac{m}{V}\\)'],
      0,
    ),
    mc('NB', 'Đơn vị của áp suất là', ['Pa', 'N', 'kg/m³', 'J'], 0),
    mc(
      'NB',
      'Áp suất khí quyển ở mặt nước biển vào khoảng',
      ['760 mmHg', '76 mmHg', '7 600 mmHg', '1 mmHg'],
      0,
    ),
    mc(
      'TH',
      'Một khối sắt có thể tích 0,002 m³, khối lượng riêng của sắt là 7 800 kg/m³. Khối lượng của khối sắt là',
      ['15,6 kg', '156 kg', '1,56 kg', '3 900 kg'],
      0,
    ),
    mc(
      'TH',
      'Vì sao lưỡi dao thường được mài sắc?',
      [
        'Để giảm diện tích bị ép, làm tăng áp suất',
        'Để tăng diện tích bị ép',
        'Để giảm áp lực',
        'Để dao nhẹ hơn',
      ],
      0,
    ),
    sa(
      'TH',
      'Một vật có khối lượng 600 g và thể tích 200 cm³. Khối lượng riêng của vật là bao nhiêu g/cm³?',
      3,
    ),
    sa(
      'TH',
      'Một người có trọng lượng 500 N đứng trên sàn, diện tích hai bàn chân tiếp xúc với sàn là 0,025 m². Áp suất người đó tác dụng lên sàn là bao nhiêu kPa?',
      20,
    ),
    tf(
      'NB',
      'Về lực đẩy Archimedes:',
      [
        'Vật nhúng trong chất lỏng bị chất lỏng đẩy lên.',
        'Độ lớn lực đẩy bằng trọng lượng phần chất lỏng bị vật chiếm chỗ.',
        'Lực đẩy Archimedes có hướng thẳng đứng từ trên xuống.',
        'Vật nổi lên khi trọng lượng của vật nhỏ hơn lực đẩy Archimedes.',
      ],
      'ĐĐSĐ',
    ),
    essay(
      'VD',
      'Một thùng cao 1,2 m đựng đầy nước. Tính áp suất của nước tác dụng lên đáy thùng và lên một điểm cách đáy thùng 0,4 m. Biết trọng lượng riêng của nước là 10 000 N/m³.',
      [
        ['Áp suất lên đáy thùng: \\(p = d \\cdot h = 10\\,000 \\cdot 1{,}2 = 12\\,000\\) Pa', 0.5],
        ['Điểm cách đáy 0,4 m ở độ sâu 0,8 m: \\(p = 8\\,000\\) Pa', 0.5],
      ],
    ),
    essay('VD', 'Giải thích vì sao các xe tải nặng thường có nhiều bánh xe và bánh xe có bản rộng.', [
      ['Xe tải nặng nên áp lực lên mặt đường lớn', 0.25],
      ['Nhiều bánh, bản rộng làm tăng diện tích bị ép, giảm áp suất', 0.5],
      ['Nhờ đó xe không bị lún và ít làm hỏng mặt đường', 0.25],
    ]),
    essay(
      'VDC',
      'Một khối gỗ có thể tích 0,01 m³ thả nổi trên mặt nước, phần chìm trong nước chiếm 60% thể tích khối gỗ. Tính khối lượng riêng của gỗ, biết khối lượng riêng của nước là 1 000 kg/m³.',
      [
        ['Vật nổi nên trọng lượng bằng lực đẩy Archimedes: \\(D_g \\cdot V = D_n \\cdot 0{,}6V\\)', 0.5],
        ['Tính được \\(D_g = 600\\) kg/m³', 0.5],
      ],
    ),
  ]),
  ...at('THCS_KHTN', 8, 'Điện', [
    mc('NB', 'Vật nào sau đây là vật dẫn điện?', ['Dây đồng', 'Thước nhựa', 'Mảnh sứ', 'Thanh thuỷ tinh'], 0),
    mc('NB', 'Dụng cụ dùng để đo cường độ dòng điện là', ['ampe kế', 'vôn kế', 'nhiệt kế', 'lực kế'], 0),
    mc('NB', 'Kí hiệu đơn vị của hiệu điện thế là', ['V', 'A', 'Ω', 'W'], 0),
    mc(
      'NB',
      'Dòng điện là',
      [
        'dòng chuyển dời có hướng của các hạt mang điện',
        'dòng các phân tử nước chuyển động',
        'sự chuyển động hỗn loạn của electron',
        'dòng nhiệt truyền qua dây dẫn',
      ],
      0,
    ),
    mc(
      'TH',
      'Cọ xát thanh thuỷ tinh vào mảnh lụa, thanh thuỷ tinh bị nhiễm điện dương. Khi đó mảnh lụa',
      ['nhiễm điện âm', 'nhiễm điện dương', 'không nhiễm điện', 'vừa nhiễm điện dương vừa nhiễm điện âm'],
      0,
    ),
    mc(
      'TH',
      'Bàn là điện hoạt động dựa vào tác dụng nào của dòng điện?',
      ['Tác dụng nhiệt', 'Tác dụng phát sáng', 'Tác dụng từ', 'Tác dụng sinh lí'],
      0,
    ),
    tf(
      'TH',
      'Một mạch điện gồm nguồn điện, công tắc và bóng đèn mắc nối tiếp.',
      [
        'Khi đóng công tắc, đèn sáng.',
        'Khi mở công tắc, mạch hở và đèn tắt.',
        'Để đo cường độ dòng điện qua đèn, ampe kế phải mắc song song với bóng đèn.',
        'Chiều dòng điện quy ước đi từ cực âm qua mạch ngoài tới cực dương của nguồn.',
      ],
      'ĐĐSS',
    ),
    tf(
      'TH',
      'Về an toàn điện:',
      [
        'Không chạm tay vào ổ điện khi tay ướt.',
        'Có thể dùng cầu chì để bảo vệ mạch điện.',
        'Có thể thả diều gần đường dây điện cao thế.',
        'Khi có người bị điện giật, cần ngắt nguồn điện trước khi cứu.',
      ],
      'ĐĐSĐ',
    ),
    sa('TH', 'Ampe kế chỉ 250 mA. Cường độ dòng điện là bao nhiêu ampe?', 0.25),
    essay(
      'VD',
      'Vẽ sơ đồ mạch điện gồm: một nguồn điện (pin), một công tắc đóng, hai bóng đèn mắc nối tiếp và một ampe kế đo cường độ dòng điện trong mạch. Chỉ rõ chiều dòng điện trong mạch.',
      [
        ['Vẽ đúng kí hiệu các bộ phận', 0.25],
        ['Mắc đúng: hai đèn và ampe kế nối tiếp với nguồn, công tắc', 0.5],
        ['Chỉ đúng chiều dòng điện (từ cực dương qua mạch ngoài về cực âm)', 0.25],
      ],
    ),
    essay(
      'VD',
      'Giải thích vì sao vào những ngày hanh khô, khi cởi áo len ta thường nghe tiếng lách tách và đôi khi thấy chớp sáng nhỏ.',
      [
        ['Áo len cọ xát với cơ thể, áo lót nên bị nhiễm điện', 0.5],
        ['Giữa các vật nhiễm điện xảy ra phóng điện, gây tiếng lách tách và chớp sáng', 0.5],
      ],
    ),
    essay(
      'VDC',
      'Có hai bóng đèn giống nhau, một nguồn điện, một công tắc và dây nối. Hãy vẽ sơ đồ mạch điện sao cho khi công tắc đóng hai đèn đều sáng, và nếu một bóng đèn bị hỏng thì bóng kia vẫn sáng. Giải thích.',
      [
        ['Vẽ đúng sơ đồ hai đèn mắc song song, công tắc ở mạch chính', 0.5],
        ['Giải thích: mỗi đèn nằm trên một nhánh riêng nên một đèn hỏng, nhánh kia vẫn kín mạch', 0.5],
      ],
    ),
  ]),
  ...at('THCS_KHTN', 8, 'Sinh học cơ thể người', [
    mc('NB', 'Cơ quan nào sau đây thuộc hệ tiêu hoá?', ['Dạ dày', 'Tim', 'Phổi', 'Thận'], 0),
    mc(
      'NB',
      'Loại tế bào máu nào có chức năng vận chuyển khí oxygen?',
      ['Hồng cầu', 'Bạch cầu', 'Tiểu cầu', 'Tế bào thần kinh'],
      0,
    ),
    mc('NB', 'Cơ quan chính của hệ hô hấp là', ['phổi', 'gan', 'ruột non', 'tim'], 0),
    mc(
      'NB',
      'Bộ xương người gồm ba phần chính là',
      [
        'xương đầu, xương thân và xương chi',
        'xương tay, xương chân và xương sườn',
        'xương sọ, xương mặt và xương chậu',
        'xương sống, xương sườn và xương ức',
      ],
      0,
    ),
    mc(
      'TH',
      'Vì sao cần «ăn chín, uống sôi»?',
      [
        'Để tiêu diệt vi sinh vật gây bệnh',
        'Để thức ăn có nhiều chất béo hơn',
        'Để tăng lượng đường trong thức ăn',
        'Để thức ăn nặng hơn',
      ],
      0,
    ),
    mc(
      'TH',
      'Theo nguyên tắc truyền máu, người có nhóm máu O có thể truyền máu cho người có nhóm máu nào?',
      ['Cả bốn nhóm A, B, AB và O', 'Chỉ nhóm O', 'Chỉ nhóm AB', 'Chỉ nhóm A và B'],
      0,
    ),
    mc(
      'VD',
      'Để phòng tránh cận thị, học sinh nên',
      [
        'đọc sách ở nơi đủ ánh sáng, giữ khoảng cách phù hợp',
        'đọc sách khi nằm',
        'xem điện thoại liên tục nhiều giờ',
        'đọc sách ở nơi thiếu ánh sáng',
      ],
      0,
    ),
    tf(
      'TH',
      'Về hệ tuần hoàn ở người:',
      [
        'Tim người có 4 ngăn.',
        'Động mạch dẫn máu từ tim đi đến các cơ quan.',
        'Tĩnh mạch dẫn máu từ tim đi đến các cơ quan.',
        'Luyện tập thể dục thường xuyên giúp tim khoẻ mạnh.',
      ],
      'ĐĐSĐ',
    ),
    essay('VD', 'Vì sao khi chạy nhanh, nhịp tim và nhịp thở đều tăng?', [
      ['Khi chạy, cơ hoạt động mạnh, cần nhiều oxygen và năng lượng', 0.5],
      ['Tim đập nhanh, thở nhanh để cung cấp đủ oxygen và thải carbon dioxide', 0.5],
    ]),
    essay(
      'VDC',
      'Em hãy đề xuất một thực đơn bữa trưa hợp lí cho học sinh lớp 8 và giải thích vì sao thực đơn đó đảm bảo đủ chất dinh dưỡng.',
      [
        ['Thực đơn có đủ các nhóm chất: tinh bột, đạm, chất béo, vitamin và chất khoáng', 0.5],
        ['Giải thích vai trò của các nhóm chất và lượng ăn phù hợp lứa tuổi', 0.5],
      ],
    ),
  ]),
];
const KHTN_OTHER: Placed[] = [
  ...at('THCS_KHTN', 6, 'Mở đầu về Khoa học tự nhiên', [
    mc(
      'NB',
      'Đơn vị đo độ dài trong hệ đo lường chính thức của Việt Nam là',
      ['mét (m)', 'kilôgam (kg)', 'giây (s)', 'lít (L)'],
      0,
    ),
  ]),
  ...at('THCS_KHTN', 6, 'Chất và sự biến đổi của chất', [
    mc('NB', 'Ở nhiệt độ phòng, chất nào sau đây ở thể khí?', ['Oxygen', 'Sắt', 'Nước đá', 'Muối ăn'], 0),
    mc(
      'TH',
      'Quá trình chuyển từ thể lỏng sang thể rắn gọi là',
      ['sự đông đặc', 'sự nóng chảy', 'sự bay hơi', 'sự ngưng tụ'],
      0,
    ),
  ]),
  ...at('THCS_KHTN', 6, 'Tế bào', [
    mc('NB', 'Đơn vị cấu trúc và chức năng của cơ thể sống là', ['tế bào', 'mô', 'cơ quan', 'hệ cơ quan'], 0),
    tf(
      'TH',
      'Về tế bào:',
      [
        'Tế bào thực vật có thành tế bào.',
        'Tế bào nhân sơ có nhân hoàn chỉnh.',
        'Lục lạp có ở tế bào thực vật.',
        'Tế bào có thể lớn lên và sinh sản.',
      ],
      'ĐSĐĐ',
    ),
  ]),
  ...at('THCS_KHTN', 6, 'Đa dạng thế giới sống', [
    mc(
      'NB',
      'Nấm được xếp vào giới nào?',
      ['Giới Nấm', 'Giới Thực vật', 'Giới Động vật', 'Giới Khởi sinh'],
      0,
    ),
  ]),
  ...at('THCS_KHTN', 6, 'Lực', [
    mc(
      'TH',
      'Lực nào sau đây là lực tiếp xúc?',
      [
        'Lực của tay đẩy cánh cửa',
        'Lực hút của Trái Đất',
        'Lực hút của nam châm lên đinh sắt',
        'Lực hút giữa Mặt Trời và Trái Đất',
      ],
      0,
    ),
    sa('VD', 'Một vật có khối lượng 2 kg thì có trọng lượng bao nhiêu niutơn (lấy g = 10 N/kg)?', 20),
  ]),
  ...at('THCS_KHTN', 6, 'Năng lượng', [
    mc(
      'TH',
      'Năng lượng nào sau đây là năng lượng tái tạo?',
      ['Năng lượng mặt trời', 'Than đá', 'Dầu mỏ', 'Khí đốt'],
      0,
    ),
    essay('VDC', 'Em hãy đề xuất ba biện pháp tiết kiệm năng lượng điện trong gia đình và giải thích.', [
      ['Nêu đúng ba biện pháp (tắt thiết bị khi không dùng, dùng đèn LED, tận dụng ánh sáng tự nhiên…)', 0.5],
      ['Giải thích được vì sao mỗi biện pháp giúp tiết kiệm điện', 0.5],
    ]),
  ]),
  ...at('THCS_KHTN', 7, 'Nguyên tử và nguyên tố hoá học', [
    mc(
      'NB',
      'Hạt nhân nguyên tử được tạo bởi các hạt',
      ['proton và neutron', 'electron và proton', 'electron và neutron', 'chỉ có electron'],
      0,
    ),
    mc('NB', 'Kí hiệu hoá học của nguyên tố sodium là', ['Na', 'S', 'So', 'N'], 0),
  ]),
  ...at('THCS_KHTN', 7, 'Phân tử và liên kết hoá học', [
    mc(
      'TH',
      'Một phân tử nước gồm',
      [
        '2 nguyên tử H và 1 nguyên tử O',
        '1 nguyên tử H và 2 nguyên tử O',
        '2 nguyên tử H và 2 nguyên tử O',
        '1 nguyên tử H và 1 nguyên tử O',
      ],
      0,
    ),
  ]),
  ...at('THCS_KHTN', 7, 'Tốc độ', [
    sa('TH', 'Một người đi xe đạp được 12 km trong 0,8 giờ. Tốc độ của người đó là bao nhiêu km/h?', 15),
    sa(
      'VD',
      'Âm truyền trong không khí với tốc độ 340 m/s. Sau khi thấy tia chớp 3 giây thì nghe thấy tiếng sấm. Khoảng cách từ chỗ có sét đến người quan sát là bao nhiêu mét?',
      1020,
    ),
  ]),
  ...at('THCS_KHTN', 7, 'Âm thanh', [
    mc(
      'NB',
      'Âm thanh không truyền được trong môi trường nào?',
      ['Chân không', 'Không khí', 'Nước', 'Thép'],
      0,
    ),
    tf(
      'VD',
      'Về âm thanh:',
      [
        'Âm thanh được tạo ra do vật dao động.',
        'Tần số dao động càng lớn thì âm càng trầm.',
        'Đơn vị của tần số là héc (Hz).',
        'Tai người nghe được âm có tần số bất kì.',
      ],
      'ĐSĐS',
    ),
  ]),
  ...at('THCS_KHTN', 7, 'Ánh sáng', [
    mc(
      'TH',
      'Chiếu một tia sáng tới gương phẳng, góc phản xạ bằng 40°. Góc tới bằng',
      ['40°', '50°', '80°', '20°'],
      0,
    ),
  ]),
  ...at('THCS_KHTN', 7, 'Trao đổi chất ở sinh vật', [
    mc(
      'TH',
      'Quá trình quang hợp ở cây xanh cần',
      ['nước, carbon dioxide và ánh sáng', 'oxygen và đường', 'chỉ cần nước', 'chỉ cần ánh sáng'],
      0,
    ),
    essay(
      'VDC',
      'Vì sao trồng nhiều cây xanh giúp không khí trong lành hơn? Giải thích dựa vào quá trình quang hợp.',
      [
        ['Quang hợp lấy khí carbon dioxide và thải khí oxygen', 0.5],
        ['Cây xanh còn giữ bụi, điều hoà nhiệt độ, độ ẩm không khí', 0.5],
      ],
    ),
  ]),
  ...at('TH_KHOA_HOC', 4, 'Chất', [
    mc('NB', 'Ở điều kiện bình thường, nước sôi ở nhiệt độ', ['100 °C', '0 °C', '50 °C', '37 °C'], 0),
    mc(
      'TH',
      'Thành phần chính của không khí là',
      ['khí ni-tơ và khí ô-xi', 'chỉ có khí ô-xi', 'khí các-bô-níc và hơi nước', 'bụi và khói'],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 4, 'Năng lượng', [
    tf(
      'TH',
      'Về ánh sáng:',
      [
        'Mặt Trời là một nguồn sáng.',
        'Vật cản sáng tạo ra bóng tối phía sau vật.',
        'Ánh sáng truyền được qua tấm gỗ dày.',
        'Đọc sách ở nơi thiếu ánh sáng có hại cho mắt.',
      ],
      'ĐĐSĐ',
    ),
  ]),
  ...at('TH_KHOA_HOC', 4, 'Thực vật và động vật', [
    mc(
      'NB',
      'Thực vật cần những gì để sống và phát triển?',
      ['Nước, không khí, ánh sáng và chất khoáng', 'Chỉ cần nước', 'Chỉ cần ánh sáng', 'Chỉ cần đất'],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 4, 'Nấm', [
    mc(
      'VD',
      'Để thức ăn không bị nấm mốc, em nên',
      [
        'cất thức ăn trong tủ lạnh hoặc nơi khô ráo, thoáng mát',
        'để thức ăn ở nơi ẩm ướt',
        'để thức ăn ngoài trời mưa',
        'để thức ăn ẩm nhiều ngày',
      ],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 4, 'Con người và sức khoẻ', [
    essay('VDC', 'Em hãy nêu những việc nên làm để phòng tránh đuối nước khi đi bơi.', [
      ['Chỉ bơi ở nơi an toàn, có người lớn trông coi', 0.5],
      ['Khởi động trước khi bơi, không bơi khi vừa ăn no hoặc đang mệt', 0.5],
    ]),
  ]),
  ...at('TH_KHOA_HOC', 5, 'Chất', [
    mc(
      'NB',
      'Hỗn hợp nào sau đây có thể tách riêng các chất bằng cách lọc?',
      ['Nước lẫn cát', 'Nước muối', 'Nước đường', 'Nước pha rượu'],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 5, 'Năng lượng', [
    mc(
      'TH',
      'Thiết bị nào sau đây biến đổi năng lượng điện chủ yếu thành năng lượng nhiệt?',
      ['Ấm điện', 'Quạt điện', 'Loa', 'Máy bơm nước'],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 5, 'Vi khuẩn', [
    mc(
      'TH',
      'Vi khuẩn có ích được dùng để',
      ['làm sữa chua', 'gây bệnh tả', 'làm hỏng thức ăn', 'gây sâu răng'],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 5, 'Con người và sức khoẻ', [
    mc(
      'NB',
      'Tuổi dậy thì ở bạn gái thường bắt đầu vào khoảng',
      ['10 đến 15 tuổi', '3 đến 5 tuổi', '20 đến 25 tuổi', '30 tuổi'],
      0,
    ),
  ]),
  ...at('TH_KHOA_HOC', 5, 'Sinh vật và môi trường', [
    tf(
      'VD',
      'Về bảo vệ môi trường:',
      [
        'Trồng cây gây rừng giúp chống xói mòn đất.',
        'Đốt rác thải nhựa ngoài trời là cách xử lí an toàn.',
        'Phân loại rác tại nguồn giúp tái chế hiệu quả hơn.',
        'Săn bắt động vật hoang dã làm suy giảm đa dạng sinh học.',
      ],
      'ĐSĐĐ',
    ),
    essay(
      'VDC',
      'Lai Châu có nhiều rừng. Em hãy nêu vai trò của rừng và đề xuất những việc học sinh có thể làm để bảo vệ rừng.',
      [
        ['Nêu được vai trò của rừng (điều hoà khí hậu, chống lũ, xói mòn, nơi sống của sinh vật)', 0.5],
        ['Đề xuất việc làm phù hợp (không chặt phá, trồng cây, phòng cháy rừng, tuyên truyền)', 0.5],
      ],
    ),
  ]),
];

const ALL: Placed[] = [...TOAN_6, ...TOAN_OTHER, ...VAN, ...ANH, ...KHTN_8, ...KHTN_OTHER];

/** The blueprints (ma trận đề) of the two city-wide tests. */
export const DEMO_BLUEPRINTS: {
  key: string;
  title: string;
  code: string;
  grade: number;
  minutes: number;
  cells: DemoCell[];
}[] = [
  {
    key: 'toan6-gk1',
    title: 'Đề kiểm tra giữa học kì I năm học 2024–2025 – Toán 6 (đề chung thành phố Lai Châu)',
    code: 'THCS_TOAN',
    grade: 6,
    minutes: 90,
    cells: [
      { topic: 'Số tự nhiên', level: 'NB', count: 2, pointsEach: 0.25, type: 'single' },
      { topic: 'Số tự nhiên', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Số tự nhiên', level: 'NB', count: 1, pointsEach: 1, type: 'true_false' },
      { topic: 'Số tự nhiên', level: 'NB', count: 1, pointsEach: 0.5, type: 'short_answer' },
      { topic: 'Số nguyên', level: 'NB', count: 2, pointsEach: 0.25, type: 'single' },
      { topic: 'Số nguyên', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Số nguyên', level: 'TH', count: 1, pointsEach: 0.5, type: 'short_answer' },
      { topic: 'Số nguyên', level: 'VD', count: 1, pointsEach: 1, type: 'essay' },
      { topic: 'Phân số và số thập phân', level: 'NB', count: 2, pointsEach: 0.25, type: 'single' },
      { topic: 'Phân số và số thập phân', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Phân số và số thập phân', level: 'TH', count: 1, pointsEach: 1, type: 'true_false' },
      { topic: 'Phân số và số thập phân', level: 'NB', count: 1, pointsEach: 0.5, type: 'short_answer' },
      { topic: 'Phân số và số thập phân', level: 'VDC', count: 1, pointsEach: 1, type: 'essay' },
      { topic: 'Hình học', level: 'NB', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Hình học', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Hình học', level: 'VD', count: 1, pointsEach: 1, type: 'essay' },
      { topic: 'Thống kê và xác suất', level: 'NB', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Thống kê và xác suất', level: 'TH', count: 1, pointsEach: 0.5, type: 'short_answer' },
    ],
  },
  {
    key: 'khtn8-ck1',
    title: 'Đề kiểm tra cuối học kì I năm học 2024–2025 – Khoa học tự nhiên 8 (đề chung thành phố Lai Châu)',
    code: 'THCS_KHTN',
    grade: 8,
    minutes: 60,
    cells: [
      { topic: 'Phản ứng hoá học', level: 'NB', count: 3, pointsEach: 0.25, type: 'single' },
      { topic: 'Phản ứng hoá học', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Phản ứng hoá học', level: 'NB', count: 1, pointsEach: 1, type: 'true_false' },
      { topic: 'Phản ứng hoá học', level: 'VD', count: 1, pointsEach: 1, type: 'essay' },
      { topic: 'Acid – Base – Muối', level: 'NB', count: 3, pointsEach: 0.25, type: 'single' },
      { topic: 'Acid – Base – Muối', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Acid – Base – Muối', level: 'TH', count: 1, pointsEach: 0.5, type: 'short_answer' },
      { topic: 'Khối lượng riêng và áp suất', level: 'NB', count: 2, pointsEach: 0.25, type: 'single' },
      { topic: 'Khối lượng riêng và áp suất', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Khối lượng riêng và áp suất', level: 'TH', count: 1, pointsEach: 0.5, type: 'short_answer' },
      { topic: 'Khối lượng riêng và áp suất', level: 'VDC', count: 1, pointsEach: 1, type: 'essay' },
      { topic: 'Điện', level: 'NB', count: 2, pointsEach: 0.25, type: 'single' },
      { topic: 'Điện', level: 'TH', count: 1, pointsEach: 0.25, type: 'single' },
      { topic: 'Điện', level: 'TH', count: 1, pointsEach: 1, type: 'true_false' },
      { topic: 'Điện', level: 'VD', count: 1, pointsEach: 1, type: 'essay' },
      { topic: 'Sinh học cơ thể người', level: 'NB', count: 2, pointsEach: 0.25, type: 'single' },
    ],
  },
];

const SEED = 20241104; // 4 November 2024: mid-term test week of the first term

/** Seeds the demo bank and tests in one transaction; does nothing if the demo bank is already there. */
export async function seedQuestionBankDemo(
  db: Queryable,
  options: SeedQuestionBankDemoOptions,
): Promise<SeedQuestionBankDemoResult> {
  const { rules } = options;
  const transaction: NonNullable<SeedQuestionBankDemoOptions['transaction']> =
    options.transaction ?? ((fn) => db.transaction(fn));
  return transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: questions.id })
      .from(questions)
      .where(eq(questions.source, 'demo'))
      .limit(1);
    if (existing) return { skipped: true, questions: 0, tests: 0 };
    const [phong] = await tx
      .select({ id: units.id })
      .from(units)
      .where(eq(units.code, LAI_CHAU_PILOT.districtDepartmentCode));
    if (!phong) return { skipped: true, questions: 0, tests: 0 };
    const people = await tx
      .select({ id: users.id, username: users.username, fullName: users.fullName })
      .from(users)
      .where(inArray(users.username, ['chuyenvien.phong', 'admin.so']));
    const author = people.find((p) => p.username === 'chuyenvien.phong') ?? null;
    const reviewer = people.find((p) => p.username === 'admin.so') ?? author;
    const random = createRandom(SEED);
    const reviewedAt = new Date('2024-09-20T02:00:00Z');

    // Options are written with the answer first or anywhere; a seeded shuffle spreads the keys over A–D.
    const rows = ALL.map((q, index) => {
      let content = q.content;
      let key = q.key;
      if (q.type === 'single') {
        const opts = content.options as { id: string; text: string }[];
        const correctText = opts.find((o) => o.id === (key as { optionId: string }).optionId)!.text;
        const order = opts.map((o) => o.text);
        for (let i = order.length - 1; i > 0; i--) {
          const j = random.int(0, i);
          [order[i], order[j]] = [order[j], order[i]];
        }
        content = { ...content, options: order.map((text, i) => ({ id: LETTERS[i], text })) };
        key = { optionId: LETTERS[order.indexOf(correctText)] };
      }
      const body: DemoBody = { type: q.type, content, key };
      return {
        schoolId: phong.id,
        id: nameUuid(`qb-demo:${index}:${q.code}:${q.grade}:${q.topic}`),
        ownerUserId: author?.id ?? null,
        ownerName: author?.fullName ?? 'Phòng GD&ĐT thành phố Lai Châu',
        scope: 'department',
        shareUnitId: phong.id,
        status: 'approved',
        reviewerUserId: reviewer?.id ?? null,
        reviewerName: reviewer?.fullName ?? null,
        reviewComment: 'Đã thẩm định',
        reviewedAt,
        subjectCode: q.code,
        grade: q.grade,
        topic: q.topic,
        level: q.level,
        type: q.type,
        content,
        answerKey: key,
        points: q.points,
        explanation: q.explanation ?? null,
        contentHash: rules.contentHash(body),
        searchText: rules.searchText(body),
        externalId: `LCU-TP-${String(index + 1).padStart(4, '0')}`,
        source: 'demo',
        createdAt: reviewedAt,
        updatedAt: reviewedAt,
      };
    });
    for (let i = 0; i < rows.length; i += 200) await tx.insert(questions).values(rows.slice(i, i + 200));

    const byId = new Map(rows.map((r) => [r.id, r]));
    const makeTest = async (
      key: string,
      title: string,
      code: string,
      grade: number,
      minutes: number,
      picked: { id: string; points: number }[],
      blueprint: { cells: DemoCell[]; seed: number } | null,
    ) => {
      const testId = nameUuid(`qb-demo-test:${key}`);
      const ordered = picked
        .map((p, i) => ({ ...p, row: byId.get(p.id)!, i }))
        .sort((a, b) => rules.partRank(a.row.type) - rules.partRank(b.row.type) || a.i - b.i);
      await tx.insert(tests).values({
        schoolId: phong.id,
        id: testId,
        ownerUserId: author?.id ?? null,
        ownerName: author?.fullName ?? null,
        title,
        subjectCode: code,
        grade,
        durationMinutes: minutes,
        instructions:
          'Học sinh làm bài vào phiếu trả lời (phần trắc nghiệm) và giấy kiểm tra (phần tự luận). Không sử dụng tài liệu.',
        scope: 'department',
        status: 'ready',
        blueprint,
        createdAt: reviewedAt,
        updatedAt: reviewedAt,
      });
      const items = ordered.map((p, i) => ({
        schoolId: phong.id,
        testId,
        position: i + 1,
        questionSchoolId: p.row.schoolId,
        questionId: p.row.id,
        points: p.points,
        type: p.row.type,
        level: p.row.level,
        topic: p.row.topic,
        content: p.row.content,
        answerKey: p.row.answerKey,
        explanation: p.row.explanation,
      }));
      await tx.insert(testItems).values(items);
      const versions = rules.versions(
        testId,
        items.map((it) => ({
          position: it.position,
          body: { type: it.type, content: it.content, key: it.answerKey },
        })),
        4,
      );
      await tx.insert(testVersions).values(
        versions.map((v) => ({
          schoolId: phong.id,
          testId,
          code: v.code,
          seed: v.seed,
          items: v.items,
          createdAt: reviewedAt,
        })),
      );
    };

    for (const bp of DEMO_BLUEPRINTS) {
      const pool = rows
        .filter((r) => r.subjectCode === bp.code && r.grade === bp.grade)
        .map((r) => ({ id: r.id, topic: r.topic, level: r.level as Level, type: r.type }));
      const seed = SEED + bp.grade;
      const picks = rules.draw(bp.cells, pool, seed);
      await makeTest(bp.key, bp.title, bp.code, bp.grade, bp.minutes, picks, { cells: bp.cells, seed });
    }
    // a hand-built 15-minute English test: the grade-6 single-choice and fill-in questions
    const english = rows.filter(
      (r) =>
        r.subjectCode === 'THCS_NGOAI_NGU_1' &&
        r.grade === 6 &&
        (r.type === 'single' || r.type === 'fill_blank'),
    );
    await makeTest(
      'anh6-15p',
      'Kiểm tra 15 phút – Tiếng Anh 6 (Unit 1–3)',
      'THCS_NGOAI_NGU_1',
      6,
      15,
      english.map((r) => ({ id: r.id, points: 1 })),
      null,
    );
    return { skipped: false, questions: rows.length, tests: DEMO_BLUEPRINTS.length + 1 };
  });
}

/** How many demo questions there are per subject code (for tests and the docs). */
export const QUESTION_BANK_DEMO_COUNTS = ALL.reduce<Record<string, number>>((acc, q) => {
  acc[q.code] = (acc[q.code] ?? 0) + 1;
  return acc;
}, {});
