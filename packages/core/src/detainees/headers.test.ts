import { describe, expect, it } from 'vitest';
import { checkMapping, headerKey, suggestMapping } from './headers.ts';
import { CANONICAL_COLUMNS } from './person.ts';

describe('headerKey', () => {
  it('folds case, spacing, underscores, BOM, hamza, ta marbuta and diacritics', () => {
    expect(headerKey('\uFEFF Full_Name ')).toBe('full name');
    expect(headerKey("Father's  Name")).toBe(headerKey('father s name'));
    expect(headerKey('اسم الأب')).toBe(headerKey('اسم الاب'));
    expect(headerKey('الكنية')).toBe(headerKey('الكنيه'));
    expect(headerKey('اَلاسْم')).toBe(headerKey('الاسم'));
    expect(headerKey('Date de naissance')).toBe(headerKey('date de naissance'));
    expect(headerKey('DOĞUM TARİHİ')).toBe(headerKey('doğum tarihi'));
  });
});

describe('suggestMapping', () => {
  it('maps the canonical names to themselves', () => {
    const { mapping, ok, unmapped } = suggestMapping([...CANONICAL_COLUMNS]);
    expect(ok).toBe(true);
    expect(unmapped).toEqual([]);
    for (const c of CANONICAL_COLUMNS) expect(mapping[c]).toBe(c);
  });

  it('reads English variants', () => {
    const headers = ['No.', 'Full name', 'First Name', "Father's name", 'Surname', 'DOB', 'Place of birth', 'ID Number', 'Gender', 'Date of arrest', 'Remarks'];
    const { mapping, ok } = suggestMapping(headers);
    expect(ok).toBe(true);
    expect(mapping).toEqual({
      'No.': 'ref',
      'Full name': 'full_name',
      'First Name': 'given_name',
      "Father's name": 'father_name',
      Surname: 'family_name',
      DOB: 'birth_date',
      'Place of birth': 'birth_place',
      'ID Number': 'national_id',
      Gender: 'sex',
      'Date of arrest': 'detained_on',
      Remarks: 'notes',
    });
  });

  it('reads Arabic headers as Syrian lists write them, with or without hamza and ta marbuta', () => {
    const headers = [
      'الرقم',
      'الاسم الثلاثي',
      'اسم الاب',
      'اسم الجد',
      'الكنيه',
      'اسم الأم',
      'الجنس',
      'تاريخ الميلاد',
      'سنة الميلاد',
      'محل الولادة',
      'الرقم الوطني',
      'تاريخ الاعتقال',
      'مكان الاعتقال',
      'الفئة',
      'ملاحظات',
    ];
    const { mapping, ok, unmapped } = suggestMapping(headers);
    expect(ok).toBe(true);
    expect(unmapped).toEqual([]);
    expect(Object.values(mapping)).toEqual([
      'ref',
      'full_name',
      'father_name',
      'grandfather_name',
      'family_name',
      'mother_name',
      'sex',
      'birth_date',
      'birth_year',
      'birth_place',
      'national_id',
      'detained_on',
      'detained_at',
      'category',
      'notes',
    ]);
    expect(suggestMapping(['رقم', 'الاسم الكامل', 'اللقب', 'مكان الولادة']).mapping).toEqual({
      رقم: 'ref',
      'الاسم الكامل': 'full_name',
      اللقب: 'family_name',
      'مكان الولادة': 'birth_place',
    });
    expect(suggestMapping(['م', 'اسم العائلة']).mapping).toEqual({ م: 'ref', 'اسم العائلة': 'family_name' });
  });

  it('reads Russian, Turkish, Persian and French headers', () => {
    expect(Object.values(suggestMapping(['№', 'ФИО', 'Дата рождения', 'Пол', 'Место рождения']).mapping)).toEqual([
      'ref',
      'full_name',
      'birth_date',
      'sex',
      'birth_place',
    ]);
    expect(Object.values(suggestMapping(['Sıra No', 'Adı', 'Soyadı', 'Baba Adı', 'Doğum Tarihi', 'TC Kimlik No']).mapping)).toEqual([
      'ref',
      'given_name',
      'family_name',
      'father_name',
      'birth_date',
      'national_id',
    ]);
    expect(Object.values(suggestMapping(['ردیف', 'نام', 'نام خانوادگی', 'نام پدر', 'کد ملی']).mapping)).toEqual([
      'ref',
      'given_name',
      'family_name',
      'father_name',
      'national_id',
    ]);
    expect(Object.values(suggestMapping(['Référence', 'Nom', 'Prénom', 'Date de naissance', 'Lieu de détention']).mapping)).toEqual([
      'ref',
      'family_name',
      'given_name',
      'birth_date',
      'detained_at',
    ]);
  });

  it('takes "Name" / "الاسم" for the whole name alone and for the given name beside other name columns', () => {
    expect(suggestMapping(['ref', 'الاسم']).mapping['الاسم']).toBe('full_name');
    expect(suggestMapping(['ref', 'Name']).mapping.Name).toBe('full_name');
    expect(suggestMapping(['ref', 'الاسم', 'اسم الأب', 'الكنية']).mapping['الاسم']).toBe('given_name');
    expect(suggestMapping(['ref', 'Name', 'Surname']).mapping.Name).toBe('given_name');
    expect(suggestMapping(['ref', 'Name (Arabic)']).mapping['Name (Arabic)']).toBe('full_name');
  });

  it('prefers a remembered mapping, matched exactly or loosely', () => {
    const remembered = { 'Nom du détenu': 'full_name' as const, Code: 'ref' as const, Statut: null };
    const { mapping, ok, unmapped } = suggestMapping(['CODE', 'Nom du détenu', 'Statut', 'Type'], remembered);
    expect(mapping).toEqual({ CODE: 'ref', 'Nom du détenu': 'full_name', Statut: null, Type: 'category' });
    expect(ok).toBe(true);
    expect(unmapped).toEqual(['Statut']);
  });

  it('lists unknown headers as unmapped, ignored', () => {
    const { mapping, unmapped, ok } = suggestMapping(['ref', 'full_name', 'Blood group', '']);
    expect(mapping['Blood group']).toBeNull();
    expect(mapping['']).toBeNull();
    expect(unmapped).toEqual(['Blood group', '']);
    expect(ok).toBe(true);
  });

  it('reports a missing ref column and a file without any name column', () => {
    const { ok, problems } = suggestMapping(['Sex', 'DOB']);
    expect(ok).toBe(false);
    expect(problems.map((p) => p.code)).toEqual(['missing_ref', 'missing_name']);
    expect(problems[0].message).toMatch(/No column is mapped to ref/);
    expect(problems[1].message).toMatch(/full_name or at least one of given_name/);
  });

  it('reports two headers filling the same column', () => {
    const { ok, problems } = suggestMapping(['ref', 'Full name', 'الاسم الكامل']);
    expect(ok).toBe(false);
    expect(problems).toEqual([expect.objectContaining({ code: 'duplicate_target', column: 'full_name', headers: ['Full name', 'الاسم الكامل'] })]);
  });
});

describe('checkMapping', () => {
  it('accepts a usable mapping, ignoring null columns', () => {
    expect(checkMapping(['ref', 'x', 'full_name'], { ref: 'ref', x: null, full_name: 'full_name' })).toEqual([]);
  });
  it('refuses a mapped header repeated in the file, naming both columns', () => {
    const problems = checkMapping(['ref', 'Name', 'Name'], { ref: 'ref', Name: 'full_name' });
    expect(problems[0]).toMatchObject({ code: 'duplicate_header', message: 'Columns 2 and 3 both have the header "Name"; rename one of them in the file.' });
  });
  it('refuses headers the file lacks and columns that do not exist', () => {
    const problems = checkMapping(['ref', 'name'], { ref: 'ref', name: 'nom' as never, other: 'notes' });
    expect(problems.map((p) => p.code)).toEqual(['unknown_column', 'unknown_header', 'missing_name']);
  });
});
