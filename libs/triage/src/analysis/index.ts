export * from './decide';
export * from './normalize';
export * from './priority';
export * from './quality';
export * from './urgency';
