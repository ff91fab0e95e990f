import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

render(<App />, document.getElementById('app')!);

// Fetch the map's chunk once the browser is idle, so the first story page opened has it.
const whenIdle = (window as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500));
whenIdle(() => void import('./components/WorldMap.tsx'));
