/**
 * Routes: every page is its own chunk (loaded when first opened). The guard loads the session
 * once and sends people to sign in, or to their own home page, when a page is not theirs.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import MainLayout from './layouts/MainLayout.vue';
import { canOpen, homePage, loadSession, PAGES, session, type PageName } from './session.ts';

const pages: Record<PageName, () => Promise<unknown>> = {
  overview: () => import('./pages/OverviewPage.vue'),
  air: () => import('./pages/AirPage.vue'),
  plan: () => import('./pages/PlanPage.vue'),
  tasks: () => import('./pages/TasksPage.vue'),
  devices: () => import('./pages/DevicesPage.vue'),
  trucks: () => import('./pages/TrucksPage.vue'),
  sources: () => import('./pages/SourcesPage.vue'),
  warnings: () => import('./pages/WarningsPage.vue'),
  system: () => import('./pages/SystemPage.vue'),
  tipoffs: () => import('./pages/TipoffsPage.vue'),
  gateLive: () => import('./pages/gates/GateLive.vue'),
  gates: () => import('./pages/gates/GateAdmin.vue'),
  fires: () => import('./pages/FiresPage.vue'),
  dust: () => import('./pages/DustPage.vue'),
  machinery: () => import('./pages/MachineryPage.vue'),
  roadside: () => import('./pages/RoadsidePage.vue'),
};

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./pages/LoginPage.vue'),
    meta: { title: '登录' },
  },
  {
    // The phone page of 非道路移动机械 field checks: full screen, outside the dashboard's frame.
    path: '/m/machinery',
    name: 'machinery-field',
    component: () => import('./pages/machinery/FieldInspectionPage.vue'),
    meta: { title: '现场检查', page: 'machinery' },
  },
  {
    path: '/',
    component: MainLayout,
    children: [
      // Resolved by the guard once the session is known (a redirect here would run before it).
      { path: '', name: 'home', component: { render: () => null } },
      ...PAGES.map((p) => ({
        path: p.path.slice(1),
        name: p.name,
        component: pages[p.name] as never,
        meta: { title: p.title, page: p.name },
      })),
      {
        // One enterprise of 污染源 (an enterprise account's home is its own).
        path: 'sources/:code',
        name: 'enterprise',
        component: () => import('./pages/EnterprisePage.vue'),
        meta: { title: '企业', page: 'sources' },
      },
      {
        // One heavy truck of 重型柴油车: its day's track, charts and judgements.
        path: 'trucks/:vin',
        name: 'truck-vehicle',
        component: () => import('./pages/trucks/vehicle/VehiclePage.vue'),
        meta: { title: '车辆', page: 'trucks' },
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('./pages/NotFoundPage.vue'),
        meta: { title: '页面不存在' },
      },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.loaded) await loadSession();
  if (to.name === 'home') return { path: homePage().path, replace: true };
  const page = to.meta['page'] as PageName | undefined;
  if (page && !canOpen(page)) {
    if (!session.user) return { name: 'login', query: { redirect: to.fullPath } };
    return { path: homePage().path };
  }
  if (to.name === 'login' && session.user) return { path: homePage().path };
  return true;
});

router.afterEach((to) => {
  const t = to.meta['title'] as string | undefined;
  document.title = t ? `${t} · 蓝天` : '蓝天 · 大气污染防治管理平台';
});
