// The CSR processor for Artillery itself in the generator-cost benchmark: the users' processor.js
// (tests/PerfSuite.Tests/Artillery/loadtests/processor.js), except that its async hook returns instead of calling next():
// Artillery 2.0.34 passes no `next` to an async function ("next is not a function").
const axios = require('axios');

let token = null;

async function fetchToken() {
  const response = await axios.post(process.env.PERF_TOKEN_URL, new URLSearchParams({
    grant_type: 'password',
    client_id: process.env.PERF_CLIENT_ID,
    username: process.env.PERF_USERNAME,
    password: process.env.PERF_PASSWORD,
  }));
  return response.data.access_token;
}

async function setToken(requestParams, context, ee) {
  token = token || await fetchToken();
  requestParams.headers = requestParams.headers || {};
  requestParams.headers['Authorization'] = `Bearer ${token}`;
  requestParams.headers['Cookie'] = `oidc-jwt=${token}`;
}

module.exports = { setToken };
