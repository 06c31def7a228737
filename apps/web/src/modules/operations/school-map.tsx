import 'leaflet/dist/leaflet.css';
import { Paper, Text } from '@mantine/core';
import type { OpsDashboard } from '@smartedu/contracts';
import L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer, Marker, TileLayer, Tooltip } from 'react-leaflet';
import { useOpsConfig } from './operations.hooks';
import { LIGHT_HEX } from './ops-format';

type School = OpsDashboard['schools'][number];

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A round marker in the school's traffic-light colour: plain HTML, so it shows without any tile or image. */
function markerIcon(school: School) {
  return L.divIcon({
    className: 'ops-marker',
    html: `<div data-testid="ops-map-marker" data-school-id="${school.id}" data-status="${school.status}"
      aria-label="${escapeHtml(school.name)}" style="width:18px;height:18px;border-radius:50%;
      background:${LIGHT_HEX[school.status]};border:2px solid #fff;box-shadow:0 0 0 1px rgba(0,0,0,.35)"></div>`,
    iconSize: [18, 18],
    iconAnchor: [9, 9],
  });
}

/**
 * Schools on a Leaflet map. Tiles come from the server's configuration (TILE_URL); without it the markers are
 * drawn on a plain background at the schools' coordinates (the server may have no network).
 */
export function SchoolMap({ schools, onSelect }: { schools: School[]; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const config = useOpsConfig();
  const placed = schools.filter((s) => s.latitude !== null && s.longitude !== null);
  const bounds = useMemo(() => {
    if (placed.length === 0) return null;
    const b = L.latLngBounds(placed.map((s) => [s.latitude!, s.longitude!] as [number, number]));
    return b.pad(0.25);
  }, [placed]);
  if (!bounds) {
    return (
      <Paper withBorder p="md" data-testid="ops-map">
        <Text c="dimmed">{t('operations.noCoordinates')}</Text>
      </Paper>
    );
  }
  const tileUrl = config.data?.tileUrl ?? null;
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }} data-testid="ops-map">
      <MapContainer
        bounds={bounds}
        style={{ height: 340, background: tileUrl ? undefined : '#eef3f8' }}
        scrollWheelZoom={false}
        attributionControl={Boolean(tileUrl)}
      >
        {tileUrl && <TileLayer url={tileUrl} attribution={config.data?.tileAttribution ?? ''} />}
        {placed.map((s) => (
          <Marker
            key={s.id}
            position={[s.latitude!, s.longitude!]}
            icon={markerIcon(s)}
            eventHandlers={{ click: () => onSelect(s.id) }}
          >
            <Tooltip direction="top" offset={[0, -8]}>
              <strong>{s.name}</strong>
              <br />
              {t('operations.mapTooltip', { students: s.students, classes: s.classes })}
            </Tooltip>
          </Marker>
        ))}
      </MapContainer>
    </Paper>
  );
}
