/** The dashboard's entry: Vue, the router and the Element Plus locale (zh-CN). */
import { createApp } from 'vue';
import App from './App.vue';
import { onUnauthorized } from './api/http.ts';
import { router } from './router.ts';
import { forgetSession } from './session.ts';
import './styles.css';

onUnauthorized(() => {
  forgetSession();
  if (router.currentRoute.value.name !== 'login') {
    void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
  }
});

createApp(App).use(router).mount('#app');
