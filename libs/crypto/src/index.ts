export * from './password.hasher';
