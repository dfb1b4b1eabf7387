// The worked SRP example (the same values as test/browser/srp/vector.ts, computed with the SDK), reproduced by the server-side SRP code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  N,
  canonicalTimestamp,
  computeB,
  computeK,
  computeServerS,
  computeSignature,
  computeU,
  computeVerifier,
  computeX,
  g,
  hexToBigInt,
  k,
  modPow,
  padHex,
  sha256Hex,
} from '../../../local-pool/srp.js';

const lines = (text: string) => text.replace(/\s+/g, '');

const vector = {
  poolName: 'Ab12Cd34E',
  userId: '7d8ca528-4931-4254-9273-ea5ee853f271',
  password: 'Passw0rd!',
  salt: 'a3f1c2d4e5b60718293a4b5c6d7e8f90',
  b: hexToBigInt('b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf'),
  // a = bytes 0x01..0x80, as the SDK's counter-driven random produced it
  a: hexToBigInt(Buffer.from(Array.from({ length: 128 }, (_, i) => i + 1)).toString('hex')),
  secretBlock: 'ZGV2LXNlY3JldC1ibG9jazpzZXNzaW9uLTAwMDE=',
  timestamp: 'Tue Sep 3 13:45:00 UTC 2024',
  k: '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6',
  inner: 'fec3991fdaf1a83760bf8c97694a68d715c46b41db5be51824d71d247db2f651',
  x: '9442e92ab2d28fe301d82561dbd7582a9638c2a200d5fa045ab735ca68ab23fa',
  v: lines(`11622eaa380ff0f2d7719b5ae4e8098e91bd08203e4cd272e21eead02bc6b04de1bcdb9a4ec5323d4d3ea10eb648cc98c84bf85ea7923605d8004ca33e0990df
a43ee6a39788375bb49988ff6c60927811e8e4f4a7d71c59686142984cda9b068279dc193cd9b84ef2153abfa76179a9b03c8f107217169177cfd20fdf3dbf37
631ab9bf8398aff3e43f515f610684a92e9ac5b16001ec166281e3ca08d097260be979644708a29d9eef37177dd75e10f664aee8b710c973873d473712e1f092
577f3c4683684e9a0cfbee6ece2f4f40d186f82fbfcd32401b3de9722f1bc25fb5169667866ce6e800d94200c4c0dafa11dc875ce4ca8b793aa5f2e5a920fff3
d362834debe74b0864cdd99ccc75ecf04aede3722786a9f85f5ccf07a06244760a488da50222b992e247a350251e3ed060f73bd46b04263cb7f5a21e321474df
f735271af221ab42164d22faf4a7a9cf0fc337b8e8c2f6aae3761915e145ec4a8b344b68e838609a9ece7aa297f4344aa163933d7f56c60fd36bd27f48e604d0`),
  A: lines(`ce00119aff3d209146734fd8a5754ea0972b6e30ad843f288552a8bb40c4ae757aef4cc842bb79dc35cf9439dd1d63bba10ef1c877282221c9f441fae286ddb0
537d364de9bb37f0d525516605574ad06bc7918e4cd4e309ad5531b6c4e9b8361a09ad02bd307ab434f5e521c4f733aa507f8fde534e6c8cdfc7695f4ab19c53
3be45581df6ce0ad63f91e1a95699dbfedf73576caa59890de50861614a0dd4cc3177c64302fb1520b8b0f00d0fb8acee6de2e3431e1b8878bcfb5763bebda1c
d408f5febc6d7578c0f781253fafc5092bbbf5d2435524d9785f03fca3b548b45eb7d04e12e387dd5904e07f770324a89dc76d554130b7ddced7a95f5b5213e7
4d0173ca4bddd7e31858b39ef4753897c96ef109497bd7c570a177ea05da873be036d2c1235e614e9c2f2ffd1deaed2280cae326413d8acf7e99a7f81e3113a0
57aa72f0650b6abf79f08d302966470a380236bca2e9a0ed56303c2342aff22e2214fffefa9049c5af9b4446a4166c3a723051b7cd1cb6eb93a6d3b47f9ea1ee`),
  B: lines(`2df7c59b2b24f1815229d80b98a877c1893d2e69f0997b1e30ac6e540417ec919adfecf82570bc95effdad28b0b4f06e4ce870eafe15dff2660c785622817f17
c12175cc95fcce47773b11ed0457f7cffb0103c13447c9de58d43668956a7e9d67918fa08cdb8d70293168959f789a5fb285fcf689d283bf866caa1c4dea4694
1c7ac4e64a144b78be41fa03e8c55c19109ec5963866f7d501260105a87271b9f9231c0faf058f6db890b35a3e5a6e8811f28acce295562634d30309ae0c8ffa
612c85d02eed038c8149291a3b200b72faa42673cf88f991531cb14c54d2a021fbe5d0b2f25444f2bbd099b5ad2840cf7787c115fb5f9ca049b04c41a3288b52
ac103ee51d4dd297a577507b1a922e4634c2568483e6dd60941426f10d4942e00b9f93c25c2d5b7b1547f511c65e9b6d989904a2fca58494d71b12313a2c7380
d62f4d274a33a946170d394282a528798ae774ce8b892225949fe9f7404d06495517107064b2adecd0720c80156635b5e9880302ca1ebb79c0aa354ca86beeb6`),
  u: 'cb165b263dbed6f148c3b32252e8444fbca033f05ee4b7b1992e896f68fcd3e',
  S: lines(`22352147b090e5310e6926f87ee5886d65c0c4d230e9edf29f97bb58a58c65ddf3fc62bb245b1c2101e33432468557d47a25b5a259f57437117d932d588a1eae
e0dcb7fe22ad387768393b1844d46d426972b5827d041121b7a9f1d04376aba116963f69e1b4955c15792af7475d1b4f083428fc8b06d35e8d75134c1de5912f
313ac5ae608a346412d3bb2cfc85872930f9b06a18d7ec4961046d5ea3046dca86517c6e7a3e1e79051b3ca584f39a1b3837fb7affd0bf7cd6a155d3c17a4738
7175c1b767caae340050a584f319281ab3fea0f49eb31057aa8e3565886112e1fbd8b31b527e228d09550d7639fbe06947646184d34492fc3472ff0e70fbe47b
c1b3692638d8065da5ad04296fd475f0c4b03ec8ac58ea7901df37475d126ac95fd8e1f5a8020257dfa4fa1096dd92781cf85a6d4fec9674f4845bd96309ff3c
28f10aaf46f3e21a64f50eb8c8f84d1baf1333b2c063203769c2c7bf6ecbc4bc286a95997795c911892ae31b5bb14460ff35331275f888fcdd127bc2af3730d7`),
  K: '42a00aec57edb68741cc0cb265849f4b',
  signature: 'OIzWXGXiLS5Z+PnCUiuzoqVrZhj+SZsqYMhaNRuZFzg=',
};

describe('server-side SRP against the protocol test vector', () => {
  it('derives k from N and g', () => {
    assert.equal(padHex(N).length, 770);
    assert.equal(k.toString(16), vector.k);
  });

  it('pads like Java BigInteger.toByteArray', () => {
    assert.equal(padHex(0x14n), '14');
    assert.equal(padHex(0xecn), '00ec');
    assert.equal(padHex(hexToBigInt(vector.salt)), '00' + vector.salt);
    assert.equal(padHex(hexToBigInt(vector.u)), '0' + vector.u);
  });

  it('computes x and the verifier from the salt, user id and password', () => {
    assert.equal(sha256Hex(`${vector.poolName}${vector.userId}:${vector.password}`), vector.inner);
    const x = computeX(vector.poolName, vector.userId, vector.password, vector.salt);
    assert.equal(x.toString(16), vector.x);
    assert.equal(computeVerifier(x).toString(16), vector.v);
  });

  it('computes B from the fixed b, and the client A from the fixed a', () => {
    assert.equal(computeB(hexToBigInt(vector.v), vector.b).toString(16), vector.B);
    assert.equal(modPow(g, vector.a, N).toString(16), vector.A);
  });

  it('computes u, S, K and the password claim signature', () => {
    const A = hexToBigInt(vector.A);
    const B = hexToBigInt(vector.B);
    const u = computeU(A, B);
    assert.equal(u.toString(16), vector.u);
    const S = computeServerS(A, hexToBigInt(vector.v), u, vector.b);
    assert.equal(S.toString(16), vector.S);
    const K = computeK(S, u);
    assert.equal(K.toString('hex'), vector.K);
    assert.equal(computeSignature(K, vector.poolName, vector.userId, vector.secretBlock, vector.timestamp), vector.signature);
  });

  it('re-renders timestamps canonically and refuses malformed ones', () => {
    assert.equal(canonicalTimestamp(vector.timestamp), vector.timestamp);
    // A zero-padded day or a wrong weekday parses, but renders differently, so the signature fails.
    assert.equal(canonicalTimestamp('Tue Sep 03 13:45:00 UTC 2024'), vector.timestamp);
    assert.notEqual(canonicalTimestamp('Wed Sep 3 13:45:00 UTC 2024'), 'Wed Sep 3 13:45:00 UTC 2024');
    assert.equal(canonicalTimestamp('2024-09-03T13:45:00Z'), null);
    assert.equal(canonicalTimestamp('Tue Sep 3 13:45:00 GMT 2024'), null);
  });
});
