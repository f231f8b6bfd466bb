// Types for import.meta.env and asset imports in the client.
/// <reference types="vite/client" />
