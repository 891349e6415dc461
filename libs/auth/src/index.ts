export * from './roles.decorator';
