//! brainpoolP512r1 (RFC 5639 §3.7) for ECDSA verification. RustCrypto has
//! bp256 and bp384 but no bp512 crate, so the curve is declared here with
//! the same building blocks those crates use (`primefield`'s Montgomery
//! field elements over crypto-bigint, `primeorder`'s generic point
//! arithmetic, `ecdsa`'s verifier): only the curve's parameters are ours.
//! The parameters were checked against `openssl ecparam -name
//! brainpoolP512r1 -param_enc explicit -text`, and the tests verify
//! signatures OpenSSL made (verify/tests/pades: ecdsa-bp512.pdf).

use ecdsa_core::signature::hazmat::PrehashVerifier;
use elliptic_curve::bigint::{Odd, U512};
use elliptic_curve::consts::U64;
use elliptic_curve::{CurveArithmetic, PrimeCurveArithmetic};
use primeorder::{mul_backend, point_arithmetic, wnaf, PrimeCurveParams};

const MODULUS_HEX: &str = "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca703308717d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3";
const ORDER_HEX: &str = "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069";
const ORDER: Odd<U512> = Odd::<U512>::from_be_hex(ORDER_HEX);

#[derive(Copy, Clone, Debug, Default, Eq, PartialEq, PartialOrd, Ord)]
pub struct BrainpoolP512r1;

impl elliptic_curve::Curve for BrainpoolP512r1 {
    type FieldBytesSize = U64;
    type Uint = U512;
    const ORDER: Odd<U512> = ORDER;
}

impl elliptic_curve::PrimeCurve for BrainpoolP512r1 {}

impl elliptic_curve::point::PointCompression for BrainpoolP512r1 {
    const COMPRESS_POINTS: bool = false;
}

impl ecdsa_core::EcdsaCurve for BrainpoolP512r1 {
    const NORMALIZE_S: bool = false;
}

#[allow(unused_imports)]
mod field {
    use super::{MODULUS_HEX, U512};
    use elliptic_curve::ff::PrimeField;
    use elliptic_curve::ops::BatchInvert;
    use elliptic_curve::subtle::{Choice, ConstantTimeEq, CtOption};

    primefield::monty_field_params! {
        name: FieldParams,
        modulus: MODULUS_HEX,
        uint: U512,
        byte_order: primefield::ByteOrder::BigEndian,
        // 2 is a quadratic non-residue modulo p (p ≡ 3 mod 4).
        multiplicative_generator: 2,
        doc: "Montgomery parameters for brainpoolP512r1's field modulus"
    }

    primefield::monty_field_element! {
        name: FieldElement,
        params: FieldParams,
        uint: U512,
        doc: "Element of brainpoolP512r1's base field"
    }

    primefield::monty_field_arithmetic! {
        name: FieldElement,
        params: FieldParams,
        uint: U512
    }

    impl BatchInvert for FieldElement {}
}

#[allow(unused_imports)]
mod scalar {
    use super::{BrainpoolP512r1, ORDER, ORDER_HEX, U512};
    use elliptic_curve::ff::PrimeField;
    use elliptic_curve::scalar::{FromUintUnchecked, IsHigh};
    use elliptic_curve::subtle::{Choice, ConstantTimeEq, ConstantTimeGreater, CtOption};

    primefield::monty_field_params! {
        name: ScalarParams,
        modulus: ORDER_HEX,
        uint: U512,
        byte_order: primefield::ByteOrder::BigEndian,
        // 7 is a quadratic non-residue modulo n.
        multiplicative_generator: 7,
        doc: "Montgomery parameters for brainpoolP512r1's scalar modulus"
    }

    primefield::monty_field_element! {
        name: Scalar,
        params: ScalarParams,
        uint: U512,
        doc: "Element of brainpoolP512r1's scalar field"
    }

    primefield::monty_field_arithmetic! {
        name: Scalar,
        params: ScalarParams,
        uint: U512
    }

    primefield::monty_field_reduce! {
        name: Scalar,
        params: ScalarParams,
        uint: U512,
    }

    elliptic_curve::scalar_impls!(BrainpoolP512r1, Scalar);
    super::wnaf::impl_wnaf_size_for_scalar!(Scalar);

    impl AsRef<Scalar> for Scalar {
        fn as_ref(&self) -> &Scalar {
            self
        }
    }

    impl FromUintUnchecked for Scalar {
        type Uint = U512;

        fn from_uint_unchecked(uint: Self::Uint) -> Self {
            Self::from_uint_unchecked(uint)
        }
    }

    impl IsHigh for Scalar {
        fn is_high(&self) -> Choice {
            const HALF: U512 = ORDER.as_ref().shr_vartime(1);
            self.to_canonical().ct_gt(&HALF)
        }
    }
}

use field::FieldElement;
use scalar::Scalar;

impl CurveArithmetic for BrainpoolP512r1 {
    type AffinePoint = primeorder::AffinePoint<BrainpoolP512r1>;
    type ProjectivePoint = primeorder::ProjectivePoint<BrainpoolP512r1>;
    type Scalar = Scalar;
}

impl elliptic_curve::hazmat::FieldArithmetic for BrainpoolP512r1 {
    type FieldElement = FieldElement;
}

impl PrimeCurveArithmetic for BrainpoolP512r1 {
    type CurveGroup = primeorder::ProjectivePoint<BrainpoolP512r1>;
}

impl PrimeCurveParams for BrainpoolP512r1 {
    type PointArithmetic = point_arithmetic::EquationAIsGeneric;
    type Backend = mul_backend::VariableOnly;

    const EQUATION_A: FieldElement = FieldElement::from_hex_vartime(
        "7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca",
    );
    const EQUATION_B: FieldElement = FieldElement::from_hex_vartime(
        "3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723",
    );
    const GENERATOR: (FieldElement, FieldElement) = (
        FieldElement::from_hex_vartime(
            "81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098eff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822",
        ),
        FieldElement::from_hex_vartime(
            "7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892",
        ),
    );
}

pub(super) fn point_valid(point: &[u8]) -> bool {
    ecdsa_core::VerifyingKey::<BrainpoolP512r1>::from_sec1_bytes(point).is_ok()
}

pub(super) fn verify_prehash(point: &[u8], digest: &[u8], rs: &[u8]) -> bool {
    let key = ecdsa_core::VerifyingKey::<BrainpoolP512r1>::from_sec1_bytes(point);
    let signature = ecdsa_core::Signature::<BrainpoolP512r1>::from_slice(rs);
    match (key, signature) {
        (Ok(key), Ok(signature)) => key.verify_prehash(digest, &signature).is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use elliptic_curve::sec1::ToSec1Point;

    #[test]
    fn the_generator_is_on_the_curve_and_has_the_order() {
        let g = primeorder::ProjectivePoint::<BrainpoolP512r1>::GENERATOR;
        let encoded = g.to_affine().to_sec1_point(false);
        assert!(point_valid(encoded.as_bytes()));
        // n·G is the identity.
        let n_minus_1 = -Scalar::ONE;
        let almost = g * n_minus_1;
        assert_eq!(
            almost + g,
            primeorder::ProjectivePoint::<BrainpoolP512r1>::IDENTITY
        );
    }
}
