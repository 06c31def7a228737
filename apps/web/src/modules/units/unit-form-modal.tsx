import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { SchoolLevel, type Unit } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { orNull, useFormState } from '../../lib/form-state';
import { type UnitNode, useCreateUnit, useUpdateUnit } from './units.hooks';

type Props = {
  opened: boolean;
  onClose: () => void;
  /** Edit this unit; without it the form creates a unit under a parent chosen from `tree`. */
  unit?: Unit;
  tree?: UnitNode[];
};

function flattenParents(nodes: UnitNode[], depth = 0): { value: string; label: string; kind: string }[] {
  return nodes.flatMap((n) =>
    n.kind === 'school_site'
      ? []
      : [
          { value: n.id, label: `${'— '.repeat(depth)}${n.name}`, kind: n.kind },
          ...flattenParents(n.children, depth + 1),
        ],
  );
}

/** Thêm / sửa đơn vị (Phòng, trường, điểm trường). */
export function UnitFormModal({ opened, onClose, unit, tree = [] }: Props) {
  const { t } = useTranslation();
  const parents = flattenParents(tree);
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const form = useFormState({
    parentId: parents[0]?.value ?? '',
    kind: 'school',
    code: unit?.code ?? '',
    name: unit?.name ?? '',
    schoolLevel: unit?.schoolLevel ?? 'THCS',
    ownership: unit?.ownership ?? 'public',
    address: unit?.address ?? '',
    phone: unit?.phone ?? '',
    email: unit?.email ?? '',
    website: unit?.website ?? '',
  });
  const v = form.values;
  const isSchool = unit ? unit.kind === 'school' : v.kind === 'school';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (v.name.trim().length < 2) return form.setErrors({ name: t('validation.required') });
    const common = {
      name: v.name.trim(),
      schoolLevel: isSchool ? (v.schoolLevel as Unit['schoolLevel']) : null,
      ownership: v.ownership === 'private' ? ('private' as const) : ('public' as const),
      address: orNull(v.address),
      phone: orNull(v.phone),
      email: orNull(v.email),
      website: orNull(v.website),
    };
    const onError = (err: unknown) => {
      if (!form.applyServerError(err)) notifyError(err);
    };
    const onSuccess = () => {
      notifySuccess(t('messages.saved'));
      onClose();
    };
    if (unit) {
      update.mutate(common, { onSuccess, onError });
    } else {
      if (!v.code.trim()) return form.setErrors({ code: t('validation.required') });
      create.mutate(
        {
          ...common,
          parentId: v.parentId,
          kind: v.kind as 'district_department' | 'school' | 'school_site',
          code: v.code.trim(),
        },
        { onSuccess, onError },
      );
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={unit ? t('units.edit') : t('units.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {!unit && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label={t('units.parent')} data={parents} {...form.text('parentId')} />
              <NativeSelect
                label={t('units.kind')}
                data={['district_department', 'school', 'school_site'].map((k) => ({
                  value: k,
                  label: t(`unitKind.${k}`),
                }))}
                {...form.text('kind')}
              />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('units.name')} required {...form.text('name')} data-testid="unit-name" />
            <TextInput label={t('units.code')} required disabled={Boolean(unit)} {...form.text('code')} />
          </SimpleGrid>
          {isSchool && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('units.level')}
                data={SchoolLevel.options.map((l) => ({ value: l, label: t(`schoolLevel.${l}`) }))}
                {...form.text('schoolLevel')}
              />
              <NativeSelect
                label={t('units.ownership')}
                data={[
                  { value: 'public', label: t('ownership.public') },
                  { value: 'private', label: t('ownership.private') },
                ]}
                {...form.text('ownership')}
              />
            </SimpleGrid>
          )}
          <TextInput label={t('common.address')} {...form.text('address')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('common.phone')} {...form.text('phone')} />
            <TextInput label={t('common.email')} type="email" {...form.text('email')} />
            <TextInput label={t('units.website')} {...form.text('website')} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="unit-submit">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
