import { createApp } from 'vue';
import 'infoplus-signature';
import App from './App.vue';

createApp(App).mount('#app');
