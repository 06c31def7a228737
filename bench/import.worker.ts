import { ETHNICITIES } from '@smartedu/db';
import ExcelJS from 'exceljs';
import { sampleMemory, timed } from './harness';

/**
 * Child-process helpers of bench/import.bench.ts, so that neither generating the workbook nor the parsing
 * floor inflates the memory of the process that measures the import:
 *   import.worker.ts generate <file> <rows> <class,names>   writes the workbook
 *   import.worker.ts floor <file>                            ExcelJS's streaming read alone
 * Each prints one JSON line.
 */

const HEADERS = [
  'Mã định danh',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Lớp',
  'Số CCCD',
  'Khuyết tật',
  'Hộ nghèo/cận nghèo',
  'Mồ côi',
  'Địa chỉ',
];
const FAMILY = ['Lò', 'Tẩn', 'Giàng', 'Vàng', 'Nguyễn', 'Lý', 'Sùng', 'Hoàng', 'Phàn', 'Đèo'];
const MIDDLE = ['Văn', 'Thị', 'A', 'Thị Thu', 'Văn Minh', 'Seo', 'Mý'];
const GIVEN = ['Pấng', 'Mẩy', 'Páo', 'Dợ', 'Hoa', 'Sơn', 'Chiến', 'Xuân', 'Hạ', 'Nhung', 'Dũng', 'Mai'];
const PLACES = [
  'Bản Cư Nhà La',
  'Bản Phiêng Luông',
  'Tổ 5, phường Đông Phong',
  'Bản Nậm Loỏng',
  'Tổ 12, phường Tân Phong',
];

/** A students workbook as Excel writes it (shared strings, a date format), every row valid. */
async function generate(file: string, rows: number, classNames: string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet('Học sinh');
  ws.columns = HEADERS.map((h, i) => ({ key: h, width: 16, style: i === 2 ? { numFmt: 'dd/mm/yyyy' } : {} }));
  ws.addRow(HEADERS).commit();
  const ethnicities = ETHNICITIES.slice(0, 12).map((e) => e.name);
  for (let i = 0; i < rows; i++) {
    const birth = new Date(Date.UTC(2009 + (i % 6), i % 12, 1 + (i % 28)));
    ws.addRow([
      String(1_500_000_000 + i),
      `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 3) % MIDDLE.length]} ${GIVEN[(i >> 5) % GIVEN.length]}`,
      i % 2 ? birth : `${birth.getUTCDate()}/${birth.getUTCMonth() + 1}/${birth.getUTCFullYear()}`,
      i % 2 ? 'Nam' : 'Nữ',
      ethnicities[i % ethnicities.length],
      classNames[i % classNames.length],
      i % 3 ? String(12_000_000_000 + i * 7).padStart(12, '0') : null,
      i % 31 === 0 ? 'vận động' : null,
      ['Không', 'Hộ nghèo', 'Hộ cận nghèo'][i % 3],
      i % 97 === 0 ? 'Mồ côi cha hoặc mẹ' : 'Không',
      PLACES[i % PLACES.length],
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

/** The parsing floor: ExcelJS's streaming reader alone, iterating every row and reading its values. */
async function floor(file: string) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let rows = 0;
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
  }
  return { rows, cells };
}

async function main() {
  const [mode, file, ...rest] = process.argv.slice(2);
  if (mode === 'generate') {
    const t = await timed(() => generate(file, Number(rest[0]), rest[1].split(',')));
    console.log(JSON.stringify({ seconds: t.seconds }));
  } else if (mode === 'floor') {
    const mem = sampleMemory();
    const t = await timed(() => floor(file));
    const peak = mem.stop();
    console.log(
      JSON.stringify({ seconds: t.seconds, cpu: t.cpu, rows: t.value.rows, peakRss: peak.peakRss }),
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
