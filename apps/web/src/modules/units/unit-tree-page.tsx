import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  getTreeExpandedState,
  Paper,
  Text,
  Tooltip,
  Tree,
  type TreeNodeData,
  useTree,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Unit } from '@smartedu/contracts';
import {
  IconBuilding,
  IconBuildingBank,
  IconBuildingCommunity,
  IconChevronDown,
  IconChevronRight,
  IconExternalLink,
  IconMapPin,
  IconPlus,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PageLoader, QueryError } from '../../components/query-state';
import { useCan } from '../auth/auth.hooks';
import { UnitFormModal } from './unit-form-modal';
import { type UnitNode, useUnitTree } from './units.hooks';

const KIND_ICON = {
  province_department: IconBuildingBank,
  district_department: IconBuilding,
  school: IconBuildingCommunity,
  school_site: IconMapPin,
} as const;

function toTreeData(nodes: UnitNode[]): TreeNodeData[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    children: n.children.length ? toTreeData(n.children) : undefined,
  }));
}

function indexUnits(nodes: UnitNode[], map = new Map<string, Unit>()) {
  for (const n of nodes) {
    map.set(n.id, n);
    indexUnits(n.children, map);
  }
  return map;
}

/** Cây đơn vị: Sở → Phòng → trường → điểm trường. */
export function UnitTreePage() {
  const { t } = useTranslation();
  const tree = useUnitTree();
  const canWrite = useCan('units.write');
  const [createOpen, create] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title={t('units.treeTitle')}
        subtitle={t('units.treeSubtitle')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open} data-testid="add-unit">
              {t('units.add')}
            </Button>
          )
        }
      />
      {tree.isPending && <PageLoader />}
      {tree.isError && <QueryError error={tree.error} />}
      {tree.data && <UnitTree nodes={tree.data} />}
      {tree.data && <UnitFormModal opened={createOpen} onClose={create.close} tree={tree.data} />}
    </>
  );
}

function UnitTree({ nodes }: { nodes: UnitNode[] }) {
  const { t } = useTranslation();
  const data = useMemo(() => toTreeData(nodes), [nodes]);
  const units = useMemo(() => indexUnits(nodes), [nodes]);
  // Open the departments; schools stay closed until asked.
  const departments = [...units.values()].filter((u) => u.kind !== 'school' && u.kind !== 'school_site');
  const controller = useTree({
    initialExpandedState: getTreeExpandedState(
      data,
      departments.map((u) => u.id),
    ),
  });

  return (
    <Paper withBorder p="sm" radius="md">
      <Group gap="xs" mb="sm">
        <Button size="xs" variant="default" onClick={() => controller.expandAllNodes()}>
          {t('units.expandAll')}
        </Button>
        <Button size="xs" variant="default" onClick={() => controller.collapseAllNodes()}>
          {t('units.collapseAll')}
        </Button>
      </Group>
      <Tree
        data={data}
        tree={controller}
        levelOffset="lg"
        data-testid="unit-tree"
        renderNode={({ node, expanded, hasChildren, elementProps }) => {
          const unit = units.get(node.value);
          if (!unit) return null;
          const Icon = KIND_ICON[unit.kind];
          const isSchool = unit.kind === 'school';
          return (
            <Group gap={6} wrap="nowrap" py={4} {...elementProps} data-testid="unit-node">
              <span style={{ width: 16, display: 'inline-flex' }}>
                {hasChildren && (expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />)}
              </span>
              <Icon size={18} stroke={1.5} color="var(--mantine-color-blue-7)" />
              <Text size="sm" fw={isSchool ? 400 : 600} style={{ minWidth: 0 }} truncate>
                {unit.name}
              </Text>
              {unit.schoolLevel && (
                <Badge size="xs" variant="light" visibleFrom="xs">
                  {t(`schoolLevel.${unit.schoolLevel}`)}
                </Badge>
              )}
              {!unit.active && (
                <Badge size="xs" color="gray">
                  {t('units.inactive')}
                </Badge>
              )}
              {isSchool && (
                <Tooltip label={t('actions.view')}>
                  <ActionIcon
                    component={Link}
                    to={`/schools/${unit.id}`}
                    variant="subtle"
                    size="sm"
                    aria-label={t('actions.view')}
                    onClick={(e) => e.stopPropagation()}
                  >
                    <IconExternalLink size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
              {unit.kind === 'district_department' && (
                <Anchor
                  component={Link}
                  to={`/schools?parentId=${unit.id}`}
                  size="xs"
                  onClick={(e) => e.stopPropagation()}
                  visibleFrom="sm"
                >
                  {t('units.schoolsOf')}
                </Anchor>
              )}
            </Group>
          );
        }}
      />
    </Paper>
  );
}
