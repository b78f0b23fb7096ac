// Entry point of the central's staff and lobby pages: the screen is chosen by the address.
import '../../../../ui/src/styles/fonts.css';
import './styles/base.css';
import './styles/staff.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { route } from './lib/route';

const target = document.getElementById('app');
if (target) mount(App, { target, props: { route: route(window.location.pathname) } });
