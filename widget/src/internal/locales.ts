/**
 * Message catalogues. English is complete and typed, and its key order is the catalogue format: the
 * other languages are one message per line in exactly that order (an empty line falls back to English
 * for that key: not yet translated, or the same word, like "Filter" in German), which keeps the
 * repeated key names out of the bundle. `i18n.test.ts` checks that
 * every line lands on a key and keeps that key's English placeholders.
 *
 * Keys starting with `E_` are human messages for error codes; `E_busy` covers every "try later" code
 * and `reconnect` covers RECONNECT_REQUIRED (see `ALIASES` in i18n.ts), and `E_` is the language's
 * fallback for codes without a message of their own. `{name}` marks a parameter.
 */
export const en = {
  user: 'User',
  org: 'Organization',
  integration: 'Integration',
  choose: 'Choose…',
  sandbox: 'sandbox',
  notConfigured: 'not configured',
  connect: 'Connect',
  disconnect: 'Disconnect',
  load: 'Load data',
  cancel: 'Cancel',
  clear: 'Clear',
  filter: 'Filter',
  retry: 'Try again',
  redirect: 'Continue in this tab',
  items: 'Items',
  checking: 'Checking connection…',
  connecting: 'Waiting for {provider}… Finish in the popup window.',
  connected: 'Connected to {account}',
  loading: 'Loading… {count} items so far',
  loaded: '{count} items',
  empty: 'No items.',
  noMatch: 'No items match the filter.',
  cancelled: 'Connection cancelled.',
  loadCancelled: 'Loading cancelled.',
  disconnected: 'Disconnected.',
  reconnect: 'The connection expired. Connect again.',
  modified: 'Modified {date}',
  E_: 'Something went wrong.',
  E_BAD_USER_INPUT: 'Some input is not valid.',
  E_NOT_CONNECTED: 'Not connected. Connect first.',
  E_busy: 'Busy right now. Try again in a moment.',
  E_UNAUTHENTICATED: 'Your session expired. Reload the page.',
  E_FORBIDDEN: 'You are not allowed to do this.',
  E_PROVIDER_NOT_CONFIGURED: 'This integration is not set up on the server.',
  E_PROVIDER_ERROR: 'The provider reported an error.',
  E_NETWORK_ERROR: 'The server cannot be reached.',
  E_POPUP_BLOCKED: 'The popup window was blocked.',
  E_DENIED: 'Access was denied.',
  E_EXPIRED: 'Sign-in took too long. Try again.',
};

export type MessageKey = keyof typeof en;
export type Strings = Record<MessageKey, string>;
export type Catalogue = Partial<Strings>;

const keys = Object.keys(en) as MessageKey[];

/** A packed catalogue (see above; it starts with a line break) as key → message. */
const unpack = (packed: string): Catalogue =>
  Object.fromEntries(packed.slice(1).split('\n').flatMap((message, i) => (message ? [[keys[i], message]] : [])));

const de = `
Benutzer
Organisation

Auswählen…
Sandbox
nicht eingerichtet
Verbinden
Trennen
Daten laden
Abbrechen
Leeren

Erneut versuchen
In diesem Tab fortfahren
Einträge
Verbindung wird geprüft…
Warte auf {provider}… Bitte im Popup-Fenster abschließen.
Verbunden mit {account}
Lädt… bisher {count} Einträge
{count} Einträge
Keine Einträge.
Keine Einträge passen zum Filter.
Verbindung abgebrochen.
Laden abgebrochen.
Getrennt.
Die Verbindung ist abgelaufen. Bitte neu verbinden.
Geändert {date}
Etwas ist schiefgelaufen.


Gerade ausgelastet. Gleich erneut versuchen.
Sitzung abgelaufen. Seite neu laden.
Das ist nicht erlaubt.
Diese Integration ist auf dem Server nicht eingerichtet.
Der Anbieter meldet einen Fehler.
Der Server ist nicht erreichbar.
Das Popup-Fenster wurde blockiert.
Zugriff wurde verweigert.
Die Anmeldung hat zu lange gedauert.`;

const fr = `
Utilisateur
Organisation
Intégration
Choisir…
bac à sable
non configurée
Connecter
Déconnecter
Charger les données
Annuler
Effacer
Filtrer
Réessayer
Continuer dans cet onglet
Éléments
Vérification de la connexion…
En attente de {provider}… Terminez dans la fenêtre.
Connecté à {account}
Chargement… {count} éléments
{count} éléments
Aucun élément.
Aucun élément ne correspond au filtre.
Connexion annulée.
Chargement annulé.
Déconnecté.
La connexion a expiré. Reconnectez-vous.
Modifié {date}
Une erreur est survenue.


Service saturé. Réessayez dans un instant.
Session expirée. Rechargez la page.
Action non autorisée.
Cette intégration n’est pas configurée sur le serveur.
Le fournisseur a signalé une erreur.
Le serveur est injoignable.
La fenêtre a été bloquée.
L’accès a été refusé.
La connexion a pris trop de temps.`;

const es = `
Usuario
Organización
Integración
Elegir…

no configurada
Conectar
Desconectar
Cargar datos
Cancelar
Borrar
Filtrar
Reintentar
Continuar en esta pestaña
Elementos
Comprobando la conexión…
Esperando a {provider}… Termine en la ventana emergente.
Conectado a {account}
Cargando… {count} elementos
{count} elementos
No hay elementos.
Ningún elemento coincide con el filtro.
Conexión cancelada.
Carga cancelada.
Desconectado.
La conexión caducó. Vuelva a conectar.
Modificado {date}
Algo salió mal.


Servicio ocupado. Inténtelo en un momento.
La sesión caducó. Recargue la página.
No tiene permiso para esto.
Esta integración no está configurada en el servidor.
El proveedor informó un error.
No se puede contactar con el servidor.
La ventana emergente fue bloqueada.
Se denegó el acceso.
El inicio de sesión tardó demasiado.`;

export const catalogues: Record<string, Catalogue> = { en, de: unpack(de), fr: unpack(fr), es: unpack(es) };
