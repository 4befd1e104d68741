// Opting in once: <integration-connector> in every component is typed.
import type {} from 'integration-connector/svelte';
