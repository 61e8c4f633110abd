/* evm_p256.h - P-256 (secp256r1) ECDSA signature verification for the P256VERIFY
   precompile (0x100, EIP-7951, from Osaka).

   USAGE
     In exactly one C file:
         #define EVM_IMPLEMENTATION
         #include "evm_p256.h"
     Everywhere else just #include "evm_p256.h". evm_field.h must sit beside it.

     if (evm_p256_verify(hash, r, s, qx, qy)) {
         // the precompile returns the 32-byte word 1
     }

   WHAT IT DOES
     evm_p256_verify checks an ECDSA signature (r, s) of the 32-byte message hash h under the
     public key Q = (qx, qy) on y^2 = x^3 - 3x + b over p = 2^256 - 2^224 + 2^192 + 2^96 - 1
     (SEC 2 secp256r1, FIPS 186 P-256), with EIP-7951's rules: false unless 0 < r < n,
     0 < s < n, qx < p, qy < p and Q is on the curve ((0, 0), the usual encoding of infinity,
     is not); then R' = u1 G + u2 Q with e = h mod n, u1 = e/s, u2 = r/s (mod n); false if
     R' is the point at infinity, else true exactly when x(R') mod n = r. No low-s rule, and
     the hash is used as given (no truncation: n has 256 bits).

     R' is computed by Strauss' method over one chain of 256 doublings (a = -3 formulas):
     width-7 NAF additions of a static table of odd multiples of G (affine, Montgomery form)
     and width-5 NAF additions of a table of odd multiples of Q made per call. The last
     comparison needs no inversion: x(R') = X/Z^2 is r or r + n (x < p < 2n), so it tests
     X = r Z^2 and, when r + n < p, X = (r + n) Z^2. Nothing is constant time: every input
     is public.

   CONFIGURATION (define before including)
     EVM_IMPLEMENTATION   emit the implementation in this translation unit
     EVM_NO_INT128        portable 32x32->64 arithmetic even where unsigned __int128 exists
     EVM_API              storage class of the public function (default: extern)
     The implementation includes only <stdint.h>, <stddef.h> and <stdbool.h>, calls no
     library function, allocates nothing and has no mutable global state.

   LICENSE
     MIT, as evm.h.
*/
#ifndef EVM_P256_H
#define EVM_P256_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#ifndef EVM_API
#define EVM_API extern
#endif
#ifndef EVM_ACCELERATED          /* evm_zkvm.h: an accelerated primitive's C definition */
#ifdef EVM_ZKVM_ACCELERATORS
#define EVM_ACCELERATED(name) name##_c
#else
#define EVM_ACCELERATED(name) name
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* All 32 bytes big-endian. True if (r, s) is a valid signature of hash under (qx, qy). */
EVM_API bool evm_p256_verify(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                             const uint8_t qx[32], const uint8_t qy[32]);

#ifdef __cplusplus
}
#endif
#endif /* EVM_P256_H */

#if defined(EVM_IMPLEMENTATION) && !defined(EVM_P256_IMPLEMENTED)
#define EVM_P256_IMPLEMENTED
#include "evm_field.h"

/* Curve constants from SEC 2 v2, 2.4.2; Montgomery constants (R = 2^256) computed from them
   (tests/test_p256.c checks them against the field code). */
static const evm__mont256 evm__p256_p = {
    { { EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0x00000000ffffffffULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0xffffffff00000001ULL) } },
    { { EVM__F_W(0x0000000000000003ULL), EVM__F_W(0xfffffffbffffffffULL),
        EVM__F_W(0xfffffffffffffffeULL), EVM__F_W(0x00000004fffffffdULL) } },
    { { EVM__F_W(0x0000000000000001ULL), EVM__F_W(0xffffffff00000000ULL),
        EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0x00000000fffffffeULL) } },
    (evm__limb)0x0000000000000001ULL
};
static const evm__mont256 evm__p256_n = {
    { { EVM__F_W(0xf3b9cac2fc632551ULL), EVM__F_W(0xbce6faada7179e84ULL),
        EVM__F_W(0xffffffffffffffffULL), EVM__F_W(0xffffffff00000000ULL) } },
    { { EVM__F_W(0x83244c95be79eea2ULL), EVM__F_W(0x4699799c49bd6fa6ULL),
        EVM__F_W(0x2845b2392b6bec59ULL), EVM__F_W(0x66e12d94f3d95620ULL) } },
    { { EVM__F_W(0x0c46353d039cdaafULL), EVM__F_W(0x4319055258e8617bULL),
        EVM__F_W(0x0000000000000000ULL), EVM__F_W(0x00000000ffffffffULL) } },
    (evm__limb)0xccd1c8aaee00bc4fULL
};

/* b in Montgomery form */
static const evm__fe256 evm__p256_b = { {
    EVM__F_W(0xd89cdf6229c4bddfULL), EVM__F_W(0xacf005cd78843090ULL),
    EVM__F_W(0xe5a220abf7212ed6ULL), EVM__F_W(0xdc30061d04874834ULL) } };

#define EVM__P256_G_WINDOW 7
/* (2i+1)G for i = 0..31, affine, Montgomery form (tests/test_p256.c recomputes them) */
static const evm__aff256 evm__p256_g_table[1 << (EVM__P256_G_WINDOW - 2)] = {
    { /* 1G */
      { { EVM__F_W(0x79e730d418a9143cULL), EVM__F_W(0x75ba95fc5fedb601ULL),
          EVM__F_W(0x79fb732b77622510ULL), EVM__F_W(0x18905f76a53755c6ULL) } },
      { { EVM__F_W(0xddf25357ce95560aULL), EVM__F_W(0x8b4ab8e4ba19e45cULL),
          EVM__F_W(0xd2e88688dd21f325ULL), EVM__F_W(0x8571ff1825885d85ULL) } } },
    { /* 3G */
      { { EVM__F_W(0xffac3f904eebc127ULL), EVM__F_W(0xb027f84a087d81fbULL),
          EVM__F_W(0x66ad77dd87cbbc98ULL), EVM__F_W(0x26936a3fb6ff747eULL) } },
      { { EVM__F_W(0xb04c5c1fc983a7ebULL), EVM__F_W(0x583e47ad0861fe1aULL),
          EVM__F_W(0x788208311a2ee98eULL), EVM__F_W(0xd5f06a29e587cc07ULL) } } },
    { /* 5G */
      { { EVM__F_W(0xbe1b8aaec45c61f5ULL), EVM__F_W(0x90ec649a94b9537dULL),
          EVM__F_W(0x941cb5aad076c20cULL), EVM__F_W(0xc9079605890523c8ULL) } },
      { { EVM__F_W(0xeb309b4ae7ba4f10ULL), EVM__F_W(0x73c568efe5eb882bULL),
          EVM__F_W(0x3540a9877e7a1f68ULL), EVM__F_W(0x73a076bb2dd1e916ULL) } } },
    { /* 7G */
      { { EVM__F_W(0x0746354ea0173b4fULL), EVM__F_W(0x2bd20213d23c00f7ULL),
          EVM__F_W(0xf43eaab50c23bb08ULL), EVM__F_W(0x13ba5119c3123e03ULL) } },
      { { EVM__F_W(0x2847d0303f5b9d4dULL), EVM__F_W(0x6742f2f25da67bddULL),
          EVM__F_W(0xef933bdc77c94195ULL), EVM__F_W(0xeaedd9156e240867ULL) } } },
    { /* 9G */
      { { EVM__F_W(0x75c96e8f264e20e8ULL), EVM__F_W(0xabe6bfed59a7a841ULL),
          EVM__F_W(0x2cc09c0444c8eb00ULL), EVM__F_W(0xe05b3080f0c4e16bULL) } },
      { { EVM__F_W(0x1eb7777aa45f3314ULL), EVM__F_W(0x56af7bedce5d45e3ULL),
          EVM__F_W(0x2b6e019a88b12f1aULL), EVM__F_W(0x086659cdfd835f9bULL) } } },
    { /* 11G */
      { { EVM__F_W(0xea7d260a6245e404ULL), EVM__F_W(0x9de407956e7fdfe0ULL),
          EVM__F_W(0x1ff3a4158dac1ab5ULL), EVM__F_W(0x3e7090f1649c9073ULL) } },
      { { EVM__F_W(0x1a7685612b944e88ULL), EVM__F_W(0x250f939ee57f61c8ULL),
          EVM__F_W(0x0c0daa891ead643dULL), EVM__F_W(0x68930023e125b88eULL) } } },
    { /* 13G */
      { { EVM__F_W(0xccc425634b2ed709ULL), EVM__F_W(0x0e356769856fd30dULL),
          EVM__F_W(0xbcbcd43f559e9811ULL), EVM__F_W(0x738477ac5395b759ULL) } },
      { { EVM__F_W(0x35752b90c00ee17fULL), EVM__F_W(0x68748390742ed2e3ULL),
          EVM__F_W(0x7cd06422bd1f5bc1ULL), EVM__F_W(0xfbc08769c9e7b797ULL) } } },
    { /* 15G */
      { { EVM__F_W(0x72bcd8b7bc60055bULL), EVM__F_W(0x03cc23ee56e27e4bULL),
          EVM__F_W(0xee337424e4819370ULL), EVM__F_W(0xe2aa0e430ad3da09ULL) } },
      { { EVM__F_W(0x40b8524f6383c45dULL), EVM__F_W(0xd766355442a41b25ULL),
          EVM__F_W(0x64efa6de778a4797ULL), EVM__F_W(0x2042170a7079adf4ULL) } } },
    { /* 17G */
      { { EVM__F_W(0x97091dcbd53c5c9dULL), EVM__F_W(0xf17624b6ac0a177bULL),
          EVM__F_W(0xb0f139752cfe2dffULL), EVM__F_W(0xc1a35c0a6c7a574eULL) } },
      { { EVM__F_W(0x227d314693e79987ULL), EVM__F_W(0x0575bf30e89cb80eULL),
          EVM__F_W(0x2f4e247f0d1883bbULL), EVM__F_W(0xebd512263274c3d0ULL) } } },
    { /* 19G */
      { { EVM__F_W(0xfea912baa5659ae8ULL), EVM__F_W(0x68363aba25e1a16eULL),
          EVM__F_W(0xb8842277752c41acULL), EVM__F_W(0xfe545c282897c3fcULL) } },
      { { EVM__F_W(0x2d36e9e7dc4c696bULL), EVM__F_W(0x5806244afba977c5ULL),
          EVM__F_W(0x85665e9be39508c1ULL), EVM__F_W(0xf720ee256d12597bULL) } } },
    { /* 21G */
      { { EVM__F_W(0x562e4cecc135b208ULL), EVM__F_W(0x74e1b2654783f47dULL),
          EVM__F_W(0x6d2a506c5a3f3b30ULL), EVM__F_W(0xecead9f4c16762fcULL) } },
      { { EVM__F_W(0xf29dd4b2e286e5b9ULL), EVM__F_W(0x1b0fadc083bb3c61ULL),
          EVM__F_W(0x7a75023e7fac29a4ULL), EVM__F_W(0xc086d5f1c9477fa3ULL) } } },
    { /* 23G */
      { { EVM__F_W(0xf4f876532de45068ULL), EVM__F_W(0x37c7a7e89e2e1f6eULL),
          EVM__F_W(0xd0825fa2a3584069ULL), EVM__F_W(0xaf2cea7c1727bf42ULL) } },
      { { EVM__F_W(0x0360a4fb9e4785a9ULL), EVM__F_W(0xe5fda49c27299f4aULL),
          EVM__F_W(0x48068e1371ac2f71ULL), EVM__F_W(0x83d0687b9077666fULL) } } },
    { /* 25G */
      { { EVM__F_W(0xa4a319acd837879fULL), EVM__F_W(0x6fc1b49eed6b67b0ULL),
          EVM__F_W(0xe395993332f1f3afULL), EVM__F_W(0x966742eb65432a2eULL) } },
      { { EVM__F_W(0x4b8dc9feb4966228ULL), EVM__F_W(0x96cc631243f43950ULL),
          EVM__F_W(0x12068859c9b731eeULL), EVM__F_W(0x7b948dc356f79968ULL) } } },
    { /* 27G */
      { { EVM__F_W(0x042c2af497e2feb4ULL), EVM__F_W(0xd36a42d7aebf7313ULL),
          EVM__F_W(0x49d2c9eb084ffdd7ULL), EVM__F_W(0x9f8aa54b2ef7c76aULL) } },
      { { EVM__F_W(0x9200b7ba09895e70ULL), EVM__F_W(0x3bd0c66fddb7fb58ULL),
          EVM__F_W(0x2d97d10878eb4cbbULL), EVM__F_W(0x2d431068d84bde31ULL) } } },
    { /* 29G */
      { { EVM__F_W(0x5e5db46acb66e132ULL), EVM__F_W(0xf1be963a0d925880ULL),
          EVM__F_W(0x944a70270317b9e2ULL), EVM__F_W(0xe266f95948603d48ULL) } },
      { { EVM__F_W(0x98db66735c208899ULL), EVM__F_W(0x90472447a2fb18a3ULL),
          EVM__F_W(0x8a966939777c619fULL), EVM__F_W(0x3798142a2a3be21bULL) } } },
    { /* 31G */
      { { EVM__F_W(0xe2f73c696755ff89ULL), EVM__F_W(0xdd3cf7e7473017e6ULL),
          EVM__F_W(0x8ef5689d3cf7600dULL), EVM__F_W(0x948dc4f8b1fc87b4ULL) } },
      { { EVM__F_W(0xd9e9fe814ea53299ULL), EVM__F_W(0x2d921ca298eb6028ULL),
          EVM__F_W(0xfaecedfd0c9803fcULL), EVM__F_W(0xf38ae8914d7b4745ULL) } } },
    { /* 33G */
      { { EVM__F_W(0x871514560f664534ULL), EVM__F_W(0x85ceae7c4b68f103ULL),
          EVM__F_W(0xac09c4ae65578ab9ULL), EVM__F_W(0x33ec6868f044b10cULL) } },
      { { EVM__F_W(0x6ac4832b3a8ec1f1ULL), EVM__F_W(0x5509d1285847d5efULL),
          EVM__F_W(0xf909604f763f1574ULL), EVM__F_W(0xb16c4303c32f63c4ULL) } } },
    { /* 35G */
      { { EVM__F_W(0xfd16847fdec67ef5ULL), EVM__F_W(0x742ee464233e76b7ULL),
          EVM__F_W(0x0b8e4134efc2b4c8ULL), EVM__F_W(0xca640b8642a3e521ULL) } },
      { { EVM__F_W(0x653a01908ceb6aa9ULL), EVM__F_W(0x313c300c547852d5ULL),
          EVM__F_W(0x24e4ab126b237af7ULL), EVM__F_W(0x2ba901628bb47af8ULL) } } },
    { /* 37G */
      { { EVM__F_W(0x00467bc58cce08b5ULL), EVM__F_W(0xb636458c7f178d55ULL),
          EVM__F_W(0xc5748baea677d806ULL), EVM__F_W(0x2763a387dfa394ebULL) } },
      { { EVM__F_W(0xa12b448a7d3cebb6ULL), EVM__F_W(0xe7adda3e6f20d850ULL),
          EVM__F_W(0xf63ebce51558462cULL), EVM__F_W(0x58b36143620088a8ULL) } } },
    { /* 39G */
      { { EVM__F_W(0xa9d89488a059c142ULL), EVM__F_W(0x6f5ae714ff0b9346ULL),
          EVM__F_W(0x068f237d16fb3664ULL), EVM__F_W(0x5853e4c4363186acULL) } },
      { { EVM__F_W(0xe2d87d2363c52f98ULL), EVM__F_W(0x2ec4a76681828876ULL),
          EVM__F_W(0x47b864fae14e7b1cULL), EVM__F_W(0x0c0bc0e569192408ULL) } } },
    { /* 41G */
      { { EVM__F_W(0x624d60492ed22e91ULL), EVM__F_W(0x6fdfe0b56f072822ULL),
          EVM__F_W(0xeeca111539ce2271ULL), EVM__F_W(0x98100a4fdb01614fULL) } },
      { { EVM__F_W(0xb6b0daa2a35c628fULL), EVM__F_W(0xb6f94d2ec87e9a47ULL),
          EVM__F_W(0xc67732591d57d9ceULL), EVM__F_W(0xf70bfeec03884a7bULL) } } },
    { /* 43G */
      { { EVM__F_W(0x4ff23ffd248a7d06ULL), EVM__F_W(0x80c5bfb4878873faULL),
          EVM__F_W(0xb7d9ad9005745981ULL), EVM__F_W(0x179c85db3db01994ULL) } },
      { { EVM__F_W(0xba41b06261a6966cULL), EVM__F_W(0x4d82d052eadce5a8ULL),
          EVM__F_W(0x9e91cd3ba5e6a318ULL), EVM__F_W(0x47795f4f95b2dda0ULL) } } },
    { /* 45G */
      { { EVM__F_W(0x1ee426ccd5cd79bfULL), EVM__F_W(0x0032940b946c6e18ULL),
          EVM__F_W(0x1b1e8ae057477f58ULL), EVM__F_W(0xe94f7d346d823278ULL) } },
      { { EVM__F_W(0xc747cb96782ba21aULL), EVM__F_W(0xc5254469f72b33a5ULL),
          EVM__F_W(0x772ef6dec7f80c81ULL), EVM__F_W(0xd73acbfe2cd9e6b5ULL) } } },
    { /* 47G */
      { { EVM__F_W(0x283c7513caa76097ULL), EVM__F_W(0x0a624fa936c83906ULL),
          EVM__F_W(0x6b20afec715af2c7ULL), EVM__F_W(0x4b969974eba78bfdULL) } },
      { { EVM__F_W(0x220755ccd921d60eULL), EVM__F_W(0x9b944e107baeca13ULL),
          EVM__F_W(0x04819d515ded93d4ULL), EVM__F_W(0x9bbff86e6dddfd27ULL) } } },
    { /* 49G */
      { { EVM__F_W(0x21950b421ff6acd3ULL), EVM__F_W(0xffe7048453dc6909ULL),
          EVM__F_W(0xff4cd0b228766127ULL), EVM__F_W(0xabdbe6084fb7db2bULL) } },
      { { EVM__F_W(0x837c92285e1109e8ULL), EVM__F_W(0x26147d27f4645b5aULL),
          EVM__F_W(0x4d78f592f7818ed8ULL), EVM__F_W(0xd394077ef247fa36ULL) } } },
    { /* 51G */
      { { EVM__F_W(0x508cec1c3b3f64c9ULL), EVM__F_W(0xe20bc0ba1e5edf3fULL),
          EVM__F_W(0xda1deb852f4318d4ULL), EVM__F_W(0xd20ebe0d5c3fa443ULL) } },
      { { EVM__F_W(0x370b4ea773241ea3ULL), EVM__F_W(0x61f1511c5e1a5f65ULL),
          EVM__F_W(0x99a5e23d82681c62ULL), EVM__F_W(0xd731e383a2f54c2dULL) } } },
    { /* 53G */
      { { EVM__F_W(0x97359638546c4d8dULL), EVM__F_W(0x5f9c3fc492f24679ULL),
          EVM__F_W(0x912e8beda8c8acd9ULL), EVM__F_W(0xec3a318d306634b0ULL) } },
      { { EVM__F_W(0x80167f41c31cb264ULL), EVM__F_W(0x3db82f6f522113f2ULL),
          EVM__F_W(0xb155bcd2dcafe197ULL), EVM__F_W(0xfba1da5943465283ULL) } } },
    { /* 55G */
      { { EVM__F_W(0x258bbbf9e7305683ULL), EVM__F_W(0x31eea5bf07ef5be6ULL),
          EVM__F_W(0x0deb0e4a46c814c1ULL), EVM__F_W(0x5cee8449a7b730ddULL) } },
      { { EVM__F_W(0xeab495c5a0182bdeULL), EVM__F_W(0xee759f879e27a6b4ULL),
          EVM__F_W(0xc2cf6a6880e518caULL), EVM__F_W(0x25e8013ff14cf3f4ULL) } } },
    { /* 57G */
      { { EVM__F_W(0x3ec832e77acaca28ULL), EVM__F_W(0x1bfeea57c7385b29ULL),
          EVM__F_W(0x068212e3fd1eaf38ULL), EVM__F_W(0xc13298306acf8cccULL) } },
      { { EVM__F_W(0xb909f2db2aac9e59ULL), EVM__F_W(0x5748060db661782aULL),
          EVM__F_W(0xc5ab2632c79b7a01ULL), EVM__F_W(0xda44c6c600017626ULL) } } },
    { /* 59G */
      { { EVM__F_W(0x69d44ed65c46aa8eULL), EVM__F_W(0x2100d5d3a8d063d1ULL),
          EVM__F_W(0xcb9727eaa2d17c36ULL), EVM__F_W(0x4c2bab1b8add53b7ULL) } },
      { { EVM__F_W(0xa084e90c15426704ULL), EVM__F_W(0x778afcd3a837ebeaULL),
          EVM__F_W(0x6651f7017ce477f8ULL), EVM__F_W(0xa062499846fb7a8bULL) } } },
    { /* 61G */
      { { EVM__F_W(0x3667eb1a7f4c04ccULL), EVM__F_W(0x59556621a9404f84ULL),
          EVM__F_W(0x71cdf6537eceb50aULL), EVM__F_W(0x994a44a69b8335faULL) } },
      { { EVM__F_W(0xd7faf819dbeb9b69ULL), EVM__F_W(0x473c5680eed4350dULL),
          EVM__F_W(0xb6658466da44bba2ULL), EVM__F_W(0x0d1bc780872bdbf3ULL) } } },
    { /* 63G */
      { { EVM__F_W(0xb8d3d9319ff91fe5ULL), EVM__F_W(0x039c4800f0518eedULL),
          EVM__F_W(0x95c376329182cb26ULL), EVM__F_W(0x0763a43482fc568dULL) } },
      { { EVM__F_W(0x707c04d5383e76baULL), EVM__F_W(0xac98b930824e8197ULL),
          EVM__F_W(0x92bf7c8f91230de0ULL), EVM__F_W(0x90876a0140959b70ULL) } } }
};

#define EVM__P256_Q_WINDOW 5

/* out = a G + b Q for raw scalars a, b < n */
static void evm__p256_mul2(evm__jac256 *out, const evm__fe256 *a, const evm__aff256 *q,
                           const evm__fe256 *b)
{
    const evm__mont256 *m = &evm__p256_p;
    int8_t naf_g[257], naf_q[257];
    evm__jac256 tab[1 << (EVM__P256_Q_WINDOW - 2)], t;
    evm__aff256 ga;
    int len_g, len_q, i, top;

    len_g = evm__f256_wnaf(naf_g, a, EVM__P256_G_WINDOW, 256);
    len_q = evm__f256_wnaf(naf_q, b, EVM__P256_Q_WINDOW, 256);
    top = len_g > len_q ? len_g : len_q;
    /* odd multiples Q, 3Q, ..., 15Q */
    evm__jac256_from_aff(&tab[0], q, m);
    evm__jac256_dbl_a3(&t, &tab[0], m);
    for (i = 1; i < (1 << (EVM__P256_Q_WINDOW - 2)); i++)
        evm__jac256_add_a3(&tab[i], &tab[i - 1], &t, m);

    evm__jac256_set_inf(out, m);
    for (i = top - 1; i >= 0; i--) {
        int d;
        if (!evm__jac256_is_inf(out)) evm__jac256_dbl_a3(out, out, m);
        d = naf_g[i];
        if (d) {
            const evm__aff256 *e = &evm__p256_g_table[(d < 0 ? -d : d) >> 1];
            evm__f256_copy(&ga.x, &e->x);
            if (d < 0) evm__f256_neg(&ga.y, &e->y, m);
            else evm__f256_copy(&ga.y, &e->y);
            evm__jac256_add_aff_a3(out, out, &ga, m);
        }
        d = naf_q[i];
        if (d) {
            if (d < 0) {
                evm__jac256_copy(&t, &tab[-d >> 1]);
                evm__f256_neg(&t.y, &t.y, m);
                evm__jac256_add_a3(out, out, &t, m);
            } else {
                evm__jac256_add_a3(out, out, &tab[d >> 1], m);
            }
        }
    }
}

EVM_API bool EVM_ACCELERATED(evm_p256_verify)(const uint8_t hash[32], const uint8_t r[32], const uint8_t s[32],
                             const uint8_t qx[32], const uint8_t qy[32])
{
    const evm__mont256 *fp = &evm__p256_p, *fn = &evm__p256_n;
    evm__fe256 rr, ss, e, t, u, sinv, u1, u2;
    evm__aff256 q;
    evm__jac256 R;

    evm__f256_from_be(&rr, r);
    evm__f256_from_be(&ss, s);
    if (evm__f256_is_zero(&rr) || !evm__f256_lt(&rr, &fn->p)) return false;
    if (evm__f256_is_zero(&ss) || !evm__f256_lt(&ss, &fn->p)) return false;

    /* Q: coordinates below p and on the curve. (0, 0) fails the equation (b != 0), which is
       how the encoding of the point at infinity is refused. */
    evm__f256_from_be(&t, qx);
    if (!evm__f256_lt(&t, &fp->p)) return false;
    evm__f256_to_mont(&q.x, &t, fp);
    evm__f256_from_be(&t, qy);
    if (!evm__f256_lt(&t, &fp->p)) return false;
    evm__f256_to_mont(&q.y, &t, fp);
    evm__f256_sqr(&t, &q.x, fp);                /* x^3 - 3x + b = (x^2 - 3) x + b */
    evm__f256_sub(&t, &t, &fp->one, fp);
    evm__f256_sub(&t, &t, &fp->one, fp);
    evm__f256_sub(&t, &t, &fp->one, fp);
    evm__f256_mul(&t, &t, &q.x, fp);
    evm__f256_add(&t, &t, &evm__p256_b, fp);
    evm__f256_sqr(&u, &q.y, fp);
    if (!evm__f256_eq(&t, &u)) return false;

    /* u1 = e/s, u2 = r/s mod n; e = hash mod n (hash < 2^256 < 2n: to_mont reduces it) */
    evm__f256_to_mont(&t, &ss, fn);
    evm__f256_inv(&sinv, &t, fn);
    evm__f256_from_be(&e, hash);
    evm__f256_to_mont(&t, &e, fn);
    evm__f256_mul(&t, &t, &sinv, fn);
    evm__f256_from_mont(&u1, &t, fn);
    evm__f256_to_mont(&t, &rr, fn);
    evm__f256_mul(&t, &t, &sinv, fn);
    evm__f256_from_mont(&u2, &t, fn);

    evm__p256_mul2(&R, &u1, &q, &u2);
    if (evm__jac256_is_inf(&R)) return false;

    /* x(R') mod n = r with x(R') = X/Z^2 < p < 2n: X = r Z^2, or X = (r + n) Z^2 if r + n < p */
    evm__f256_sqr(&u, &R.z, fp);
    evm__f256_to_mont(&t, &rr, fp);             /* r < n < p: already reduced */
    evm__f256_mul(&t, &t, &u, fp);
    if (evm__f256_eq(&t, &R.x)) return true;
    if (evm__f256_add_raw(&e, &rr, &fn->p) || !evm__f256_lt(&e, &fp->p)) return false;
    evm__f256_to_mont(&t, &e, fp);
    evm__f256_mul(&t, &t, &u, fp);
    return evm__f256_eq(&t, &R.x);
}

#endif /* EVM_IMPLEMENTATION && !EVM_P256_IMPLEMENTED */
