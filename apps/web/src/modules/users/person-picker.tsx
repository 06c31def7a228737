import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGuardians } from '../guardians/guardians.hooks';
import { useStaffList } from '../staff/staff.hooks';
import { useStudents } from '../students/students.hooks';

export type PersonKind = 'staff' | 'guardian' | 'student';

type Props = {
  kind: PersonKind;
  schoolId: string;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
};

/** Searchable picker of a staff member, guardian or student of one school (server-side search). */
export function PersonPicker({ kind, schoolId, label, value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const query = { schoolId, q: q || undefined, pageSize: 30 };
  const staff = useStaffList(query, kind === 'staff');
  const guardians = useGuardians(query, kind === 'guardian');
  const students = useStudents(query, kind === 'student');
  const data =
    kind === 'staff'
      ? (staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.fullName} — ${s.position}` }))
      : kind === 'guardian'
        ? (guardians.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.fullName} — ${g.phone}` }))
        : (students.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.fullName}${s.currentClassName ? ` — ${s.currentClassName}` : ''}`,
          }));
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(v) => onChange(v)}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('list.empty')}
      placeholder={t('list.search')}
      error={error}
      data-testid={`user-${kind}`}
    />
  );
}
