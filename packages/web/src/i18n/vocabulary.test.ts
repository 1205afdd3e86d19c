import { describe, expect, it } from 'vitest';
import { formFieldOf, labelsForm, labelText, missingLanguages, shownLabel } from './vocabulary.ts';

const shelling = { en: 'Shelling, artillery or missile attack', ar: 'قصف مدفعي أو صاروخي', ru: 'Обстрел, артиллерийский или ракетный удар' };

describe('the reader’s label', () => {
  it('is the label in the reader’s language when there is one', () => {
    expect(shownLabel(shelling, 'ar')).toEqual({ text: 'قصف مدفعي أو صاروخي', lang: 'ar', fallback: false });
    expect(shownLabel(shelling, 'ru')).toEqual({ text: 'Обстрел, артиллерийский или ракетный удар', lang: 'ru', fallback: false });
    expect(labelText(shelling, 'ar', 'EN')).toBe('قصف مدفعي أو صاروخي');
  });

  it('falls back to English, marked, when the reader’s language has none (or a blank one)', () => {
    expect(shownLabel(shelling, 'fa')).toEqual({ text: 'Shelling, artillery or missile attack', lang: 'en', fallback: true });
    expect(shownLabel({ ...shelling, tr: '   ' }, 'tr').fallback).toBe(true);
    // As text, the mark follows, and both stay left to right inside Persian or Arabic text.
    expect(labelText(shelling, 'fa', 'EN')).toBe('\u2066Shelling, artillery or missile attack (EN)\u2069');
  });

  it('reads English unmarked for an English reader and for a language the app does not offer', () => {
    expect(shownLabel(shelling, 'en')).toEqual({ text: 'Shelling, artillery or missile attack', lang: 'en', fallback: false });
    expect(shownLabel(shelling, 'ku').fallback).toBe(false);
    expect(shownLabel(shelling, 'ar-SY').text).toBe('قصف مدفعي أو صاروخي');
  });

  it('shows what it is given instead when the item is not known (a code from another installation)', () => {
    expect(shownLabel(undefined, 'ar', 'armed-clash')).toEqual({ text: 'armed-clash', lang: 'en', fallback: false });
    expect(labelText(null, 'fa', 'EN', 'armed-clash')).toBe('armed-clash');
  });

  it('lists the languages a set-up page marks as missing', () => {
    expect(missingLanguages(shelling)).toEqual(['tr', 'fa']);
    expect(labelsForm(shelling)).toEqual({ ...shelling, tr: '', fa: '' });
  });

  it('names a label’s field from the problem the server answers', () => {
    expect(formFieldOf('/body/labels/ar')).toBe('labels/ar');
    expect(formFieldOf('/body/shortLabels/fa')).toBe('shortLabels/fa');
    expect(formFieldOf('/body/code')).toBe('code');
  });
});
