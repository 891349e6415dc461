export * from './normalize';
export * from './priority';
export * from './quality';
