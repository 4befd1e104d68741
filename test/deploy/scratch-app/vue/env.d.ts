// Opting in once: <integration-connector> in every template is typed.
import type {} from 'integration-connector/vue';
