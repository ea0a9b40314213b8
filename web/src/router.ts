import { createRouter, createWebHistory } from 'vue-router';

// The pages of the workbench; the server answers the app at each of these addresses
// (src/api/routes/workbench-page.ts names them too).
export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', redirect: '/queue' },
    { path: '/queue', component: () => import('./pages/QueuePage.vue'), meta: { title: '待办' } },
    { path: '/supervision', component: () => import('./pages/SupervisionPage.vue'), meta: { title: '督办' } },
    { path: '/register', component: () => import('./pages/RegisterPage.vue'), meta: { title: '登记' } },
    {
      path: '/cases/:id',
      component: () => import('./pages/CasePage.vue'),
      meta: { title: '案件' },
      props: true,
    },
    { path: '/inbox', component: () => import('./pages/InboxPage.vue'), meta: { title: '消息' } },
    { path: '/search', component: () => import('./pages/SearchPage.vue'), meta: { title: '查询' } },
  ],
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? '')} · 信访工作台`;
});
