import { describe, expect, it } from 'vitest';
import { BOM, parseCsv } from '../dashboard/csv.ts';
import { listTemplateCsv, personsToCsv } from './csv-out.ts';
import { suggestMapping } from './headers.ts';
import type { PersonRecord } from './person.ts';
import { validateRows } from './validate-rows.ts';

const persons: PersonRecord[] = [
  {
    ref: '1',
    fullName: 'محمد أحمد الحسن',
    givenName: 'محمد',
    fatherName: 'أحمد',
    grandfatherName: null,
    familyName: 'الحسن',
    motherName: 'خديجة',
    sex: 'male',
    birthDate: '1985-03-14',
    birthYear: 1985,
    birthPlace: 'حلب',
    nationalId: '01012345678',
    detainedOn: '2013-05-02',
    detainedAt: 'Aleppo, al-Shaar',
    category: 'civilian',
    notes: '=HYPERLINK("http://evil")',
  },
  {
    ref: 'A-2',
    fullName: 'Fatima "Umm Ali" al-Khatib',
    givenName: null,
    fatherName: null,
    grandfatherName: null,
    familyName: null,
    motherName: null,
    sex: 'female',
    birthDate: null,
    birthYear: 1990,
    birthPlace: 'Homs',
    nationalId: null,
    detainedOn: null,
    detainedAt: null,
    category: 'woman',
    notes: '- seen in Adra\n+ transferred @ Sednaya',
  },
];

describe('personsToCsv', () => {
  it('writes the canonical header and quotes what RFC 4180 requires', () => {
    const csv = personsToCsv(persons);
    expect(csv.startsWith(BOM + 'ref,full_name,given_name,')).toBe(true);
    expect(csv).toContain('"Fatima ""Umm Ali"" al-Khatib"');
    expect(csv).toContain(`"Aleppo, al-Shaar"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('guards cells a spreadsheet would run as formulas', () => {
    const rows = parseCsv(personsToCsv(persons));
    expect(rows[1][15]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[2][15]).toBe("'- seen in Adra\n+ transferred @ Sednaya");
  });

  it('writes the BOM only when asked', () => {
    expect(personsToCsv([], { bom: false })).toBe(
      'ref,full_name,given_name,father_name,grandfather_name,family_name,mother_name,sex,birth_date,birth_year,birth_place,national_id,detained_on,detained_at,category,notes\r\n',
    );
    expect(listTemplateCsv().startsWith(BOM)).toBe(true);
    expect(personsToCsv(persons, { columns: ['ref', 'full_name'], bom: false })).toBe(
      'ref,full_name\r\n1,محمد أحمد الحسن\r\nA-2,"Fatima ""Umm Ali"" al-Khatib"\r\n',
    );
  });

  it('reads back to the same records', () => {
    const [header, ...body] = parseCsv(personsToCsv(persons));
    const result = validateRows(
      header,
      body.map((cells, i) => ({ row: i + 2, cells })),
      suggestMapping(header).mapping,
      { today: '2019-03-10' },
    );
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual(persons);
  });
});
