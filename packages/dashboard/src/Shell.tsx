import {
  AppShell,
  Box,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useState } from 'react';
import { OrgSwitcher } from './features/auth/components/OrgSwitcher.tsx';
import { useLogout, useSwitchOrganization } from './features/auth/hooks/useSession.ts';
import type { Viewer } from './features/auth/hooks/useViewer.ts';
import { ErrorAlert } from './ui/ErrorAlert.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { type Route, routeHref, useRoute } from './ui/router.ts';

const AudienceBuilderPage = lazy(() => import('./features/audiences/components/AudienceBuilderPage.tsx'));
const SavedAudiencesPage = lazy(() => import('./features/audiences/components/SavedAudiencesPage.tsx'));
const CampaignsPage = lazy(() => import('./features/campaigns/components/CampaignsPage.tsx'));
const CampaignEditPage = lazy(() => import('./features/campaigns/components/CampaignEditPage.tsx'));
const ApiKeysPage = lazy(() => import('./features/api-keys/components/ApiKeysPage.tsx'));

/** The widest the page content gets, in px (main content centres in the space beside the navigation). */
const CONTENT_MAX_WIDTH = 1440;

interface Props {
  viewer: Viewer;
  onSessionChange: () => void;
}

const NAV: { label: string; route: Route; match: Route['name'][]; adminOnly?: boolean }[] = [
  { label: 'Audience builder', route: { name: 'audiences' }, match: ['audiences'] },
  { label: 'Saved audiences', route: { name: 'saved' }, match: ['saved'] },
  { label: 'Campaigns', route: { name: 'campaigns' }, match: ['campaigns', 'campaign'] },
  { label: 'API keys', route: { name: 'keys' }, match: ['keys'], adminOnly: true },
];

export function Shell({ viewer, onSessionChange }: Props) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const [route, navigate] = useRoute();
  const [logoutState, logout] = useLogout();
  const [switchState, switchOrganization] = useSwitchOrganization();
  const [signingOut, setSigningOut] = useState(false);
  const isAdmin = viewer.role === 'ADMIN';

  async function signOut() {
    setSigningOut(true);
    const result = await logout({});
    setSigningOut(false);
    if (!result.error) onSessionChange();
  }

  async function switchTo(organizationId: string) {
    const result = await switchOrganization({ organizationId });
    if (!result.error) {
      navigate({ name: 'audiences' });
      onSessionChange();
    }
  }

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h4" c="indigo.7" visibleFrom="xs">
              Parlance
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <OrgSwitcher viewer={viewer} switching={switchState.fetching} onSwitch={switchTo} />
            <Button variant="subtle" size="xs" onClick={signOut} loading={signingOut} data-testid="sign-out">
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main">
        <Stack gap={4} component="nav">
          {NAV.filter((item) => !item.adminOnly || isAdmin).map((item) => (
            <NavLink
              key={item.label}
              href={routeHref(item.route)}
              label={item.label}
              active={item.match.includes(route.name)}
              onClick={close}
              data-testid={`nav-${item.route.name}`}
            />
          ))}
        </Stack>
        <Stack gap={2} mt="auto" pt="md">
          <Text size="xs" c="dimmed" truncate>
            {viewer.member?.name ?? 'API key'}
            {viewer.role ? ` · ${viewer.role.toLowerCase()}` : ''}
          </Text>
          {viewer.member ? (
            <Text size="xs" c="dimmed" truncate>
              {viewer.member.email}
            </Text>
          ) : null}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Past this width tables and forms only grow emptier and lines too long to read. */}
        <Box maw={CONTENT_MAX_WIDTH} mx="auto">
          {logoutState.error ? <ErrorAlert error={logoutState.error} title="Could not sign out" /> : null}
          {switchState.error ? (
            <ErrorAlert error={switchState.error} title="Could not switch organisation" />
          ) : null}
          <ErrorBoundary resetKey={routeHref(route)}>
            <Suspense
              fallback={
                <Center py="xl">
                  <Loader aria-label="Loading page" />
                </Center>
              }
            >
              <Page route={route} viewer={viewer} />
            </Suspense>
          </ErrorBoundary>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Page({ route, viewer }: { route: Route; viewer: Viewer }) {
  switch (route.name) {
    case 'audiences':
      return <AudienceBuilderPage key={route.audienceId ?? 'new'} audienceId={route.audienceId} />;
    case 'saved':
      return <SavedAudiencesPage />;
    case 'campaigns':
      return <CampaignsPage />;
    case 'campaign':
      return <CampaignEditPage key={route.campaignId} campaignId={route.campaignId} />;
    case 'keys':
      return <ApiKeysPage isAdmin={viewer.role === 'ADMIN'} />;
  }
}
