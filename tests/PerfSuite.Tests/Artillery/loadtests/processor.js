// The users' processor. PerfSuite runs no JavaScript: setToken is replaced by PerfSuite's token provider
// (PERF_TOKEN, or the OIDC password grant from PERF_TOKEN_URL, PERF_CLIENT_ID, PERF_USERNAME, PERF_PASSWORD).
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

async function setToken(requestParams, context, ee, next) {
  token = token || await fetchToken();
  requestParams.headers = requestParams.headers || {};
  requestParams.headers['Authorization'] = `Bearer ${token}`;
  requestParams.headers['Cookie'] = `oidc-jwt=${token}`;
  return next();
}

function logResponse(requestParams, response, context, ee, next) {
  console.log(response.statusCode, requestParams.url);
  return next();
}

module.exports = { setToken, logResponse };
