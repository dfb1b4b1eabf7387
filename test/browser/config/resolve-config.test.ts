import { expect } from '@open-wc/testing';
import { configure, onConfigChange, resolveConfig } from '../../../src/config/index.js';

const poolA = { userPoolId: 'us-east-1_AAAAAAAAA', userPoolClientId: 'clientaaaaaaaaaaaaaaaaaaaa' };
const poolB = { userPoolId: 'eu-west-2_BBBBBBBBB', userPoolClientId: 'clientbbbbbbbbbbbbbbbbbbbb' };
const poolC = { userPoolId: 'ap-south-1_CCCCCCCCC', userPoolClientId: 'clientcccccccccccccccccccc' };
const poolD = { userPoolId: 'us-west-2_DDDDDDDDD', userPoolClientId: 'clientdddddddddddddddddddd' };

const allFields = ['region', 'userPoolId', 'userPoolClientId', 'endpoint', 'storage', 'usernameStyle', 'appName'];

function clearConfigure() {
  configure(Object.fromEntries(allFields.map((field) => [field, null])));
}

function addScriptTag(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  // An unknown type: the browser does not fetch or run it, but it is still the tag we look for.
  script.type = 'text/plain';
  script.src = '/vendor/cognito-auth-elements.js';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  return script;
}

function setWorkshopConfig(cognito: Record<string, string> | undefined) {
  (window as unknown as { _config?: unknown })._config = cognito ? { cognito } : undefined;
}

describe('resolveConfig', () => {
  let script: HTMLScriptElement | null = null;

  afterEach(() => {
    clearConfigure();
    script?.remove();
    script = null;
    setWorkshopConfig(undefined);
  });

  it('names every missing field when nothing is configured', () => {
    const result = resolveConfig();
    expect(result.ok).to.equal(false);
    expect(result.problems).to.deep.equal(['missing userPoolId', 'missing userPoolClientId']);
    expect(result.missing).to.deep.equal(['userPoolId', 'userPoolClientId']);
    expect(result.config).to.equal(null);
  });

  it('reads the workshop window._config.cognito and takes the region from the pool id', () => {
    setWorkshopConfig({ ...poolD });
    const result = resolveConfig();
    expect(result.ok).to.equal(true);
    expect(result.config).to.deep.equal({ region: 'us-west-2', ...poolD });
  });

  it('prefers the script tag data- attributes to window._config', () => {
    setWorkshopConfig({ ...poolD, region: 'us-west-2', endpoint: 'http://localhost:1/' });
    script = addScriptTag({
      'data-user-pool-id': poolC.userPoolId,
      'data-user-pool-client-id': poolC.userPoolClientId,
      'data-storage': 'session',
      'data-username-style': 'at-to-dash',
    });
    const { config } = resolveConfig();
    expect(config).to.deep.equal({
      region: 'us-west-2', // only window._config names a region
      ...poolC,
      endpoint: 'http://localhost:1/', // and an endpoint: each field from the first source that has it
      storage: 'session',
      usernameStyle: 'at-to-dash',
    });
  });

  it('prefers configure() to the script tag', () => {
    script = addScriptTag({ 'data-user-pool-id': poolC.userPoolId, 'data-user-pool-client-id': poolC.userPoolClientId });
    configure({ ...poolB });
    expect(resolveConfig().config).to.include(poolB);
  });

  it('prefers element attributes to configure()', () => {
    configure({ ...poolB, endpoint: 'http://127.0.0.1:9229/' });
    const { config } = resolveConfig({ ...poolA, region: 'us-east-1' });
    expect(config).to.deep.equal({ region: 'us-east-1', ...poolA, endpoint: 'http://127.0.0.1:9229/' });
  });

  it('treats empty and blank attributes as absent', () => {
    configure({ ...poolB });
    const { config } = resolveConfig({ userPoolId: '', userPoolClientId: '  ', endpoint: undefined });
    expect(config).to.include(poolB);
  });

  it('accepts an element itself as the overrides (extra properties are ignored)', () => {
    const element = Object.assign(document.createElement('div'), { ...poolA, next: '/home' });
    expect(resolveConfig(element).config).to.include(poolA);
  });

  it('reports a malformed pool id', () => {
    const result = resolveConfig({ userPoolId: 'not a pool id', userPoolClientId: 'abc' });
    expect(result.ok).to.equal(false);
    expect(result.problems).to.have.length(1);
    expect(result.problems[0]).to.match(/^invalid userPoolId "not a pool id"/);
  });

  it('reports an endpoint that is not an http(s) URL', () => {
    const result = resolveConfig({ ...poolA, endpoint: 'javascript:alert(1)' });
    expect(result.ok).to.equal(false);
    expect(result.problems[0]).to.match(/^invalid endpoint/);
  });

  it('reports only the client id when just that is missing', () => {
    const result = resolveConfig({ userPoolId: poolA.userPoolId });
    expect(result.problems).to.deep.equal(['missing userPoolClientId']);
  });

  it('reports an unknown storage or username style', () => {
    const result = resolveConfig({ ...poolA, storage: 'cookies', usernameStyle: 'weird' });
    expect(result.problems).to.have.length(2);
  });

  it('tells listeners when configure() is called', () => {
    let calls = 0;
    const stop = onConfigChange(() => (calls += 1));
    configure({ ...poolA });
    stop();
    configure({ ...poolB });
    expect(calls).to.equal(1);
  });
});
