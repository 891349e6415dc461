'use strict';
// Container health probe. For the api it asks GET /health/ready on the local port; the workers
// and the relay have no HTTP port, so for them it only reports that the process is running.
const app = process.env.APP || 'api';
if (app !== 'api') process.exit(0);

const port = Number(process.env.PORT || 3000);
const req = require('node:http').get(
  { host: '127.0.0.1', port, path: '/health/ready', timeout: 2500 },
  (res) => {
    res.resume();
    process.exit(res.statusCode === 200 ? 0 : 1);
  },
);
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
