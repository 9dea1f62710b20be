//! Java's `StrictMath.log`, `StrictMath.sin` and `StrictMath.tan`, which are fdlibm 5.3: ARX's
//! digamma and trigamma call them, and the Pitman solver's path (hence its estimate) depends on
//! every bit of them. Translated from fdlibm, whose notice follows.
//!
//! Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//! Developed at SunPro, a Sun Microsystems, Inc. business. Permission to use, copy, modify,
//! and distribute this software is freely granted, provided that this notice is preserved.

// The constants keep the decimal digits of the sources they are checked against.
#![allow(clippy::excessive_precision)]

use super::rem_pio2::rem_pio2;

/// High 32 bits of a double, as a signed int.
pub(super) fn hi(x: f64) -> i32 {
    (x.to_bits() >> 32) as u32 as i32
}

/// Low 32 bits of a double.
pub(super) fn lo(x: f64) -> u32 {
    x.to_bits() as u32
}

/// The double with the given high and low words.
pub(super) fn from_words(high: i32, low: u32) -> f64 {
    f64::from_bits((u64::from(high as u32) << 32) | u64::from(low))
}

/// `__ieee754_log`: `StrictMath.log`.
pub(super) fn log(x: f64) -> f64 {
    const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01;
    const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
    const TWO54: f64 = 1.801_439_850_948_198_400_00e+16;
    const LG: [f64; 7] = [
        6.666_666_666_666_735_130e-01,
        3.999_999_999_940_941_908e-01,
        2.857_142_874_366_239_149e-01,
        2.222_219_843_214_978_396e-01,
        1.818_357_216_161_805_012e-01,
        1.531_383_769_920_937_332e-01,
        1.479_819_860_511_658_591e-01,
    ];
    let mut x = x;
    let mut hx = hi(x);
    let mut k: i32 = 0;
    if hx < 0x0010_0000 {
        if ((hx & 0x7fff_ffff) as u32 | lo(x)) == 0 {
            return f64::NEG_INFINITY;
        }
        if hx < 0 {
            return f64::NAN;
        }
        k -= 54;
        x *= TWO54;
        hx = hi(x);
    }
    if hx >= 0x7ff0_0000 {
        return x + x;
    }
    k += (hx >> 20) - 1023;
    hx &= 0x000f_ffff;
    let i = (hx + 0x95f64) & 0x0010_0000;
    x = from_words(hx | (i ^ 0x3ff0_0000), lo(x));
    k += i >> 20;
    let f = x - 1.0;
    let dk = f64::from(k);
    if (0x000f_ffff & (2 + hx)) < 3 {
        if f == 0.0 {
            return if k == 0 {
                0.0
            } else {
                dk * LN2_HI + dk * LN2_LO
            };
        }
        let r = f * f * (0.5 - 0.333_333_333_333_333_33 * f);
        return if k == 0 {
            f - r
        } else {
            dk * LN2_HI - ((r - dk * LN2_LO) - f)
        };
    }
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG[1] + w * (LG[3] + w * LG[5]));
    let t2 = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6])));
    let r = t2 + t1;
    if ((hx - 0x6147a) | (0x6b851 - hx)) > 0 {
        let hfsq = 0.5 * f * f;
        if k == 0 {
            f - (hfsq - s * (hfsq + r))
        } else {
            dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f)
        }
    } else if k == 0 {
        f - s * (f - r)
    } else {
        dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f)
    }
}

/// `StrictMath.sin`.
pub(super) fn sin(x: f64) -> f64 {
    let ix = hi(x) & 0x7fff_ffff;
    if ix <= 0x3fe9_21fb {
        return kernel_sin(x, 0.0, false);
    }
    if ix >= 0x7ff0_0000 {
        return f64::NAN;
    }
    let (n, y0, y1) = rem_pio2(x);
    match n & 3 {
        0 => kernel_sin(y0, y1, true),
        1 => kernel_cos(y0, y1),
        2 => -kernel_sin(y0, y1, true),
        _ => -kernel_cos(y0, y1),
    }
}

/// `StrictMath.tan`.
pub(super) fn tan(x: f64) -> f64 {
    let ix = hi(x) & 0x7fff_ffff;
    if ix <= 0x3fe9_21fb {
        return kernel_tan(x, 0.0, 1);
    }
    if ix >= 0x7ff0_0000 {
        return f64::NAN;
    }
    let (n, y0, y1) = rem_pio2(x);
    kernel_tan(y0, y1, 1 - ((n & 1) << 1))
}

/// `__kernel_sin` on [-pi/4, pi/4]; `y` is the tail of `x`, used when `with_tail`.
fn kernel_sin(x: f64, y: f64, with_tail: bool) -> f64 {
    const S: [f64; 6] = [
        -1.666_666_666_666_663_243_48e-01,
        8.333_333_333_322_489_461_24e-03,
        -1.984_126_982_985_794_931_34e-04,
        2.755_731_370_707_006_767_89e-06,
        -2.505_076_025_340_686_341_95e-08,
        1.589_690_995_211_550_102_21e-10,
    ];
    if (hi(x) & 0x7fff_ffff) < 0x3e40_0000 && x as i32 == 0 {
        return x;
    }
    let z = x * x;
    let v = z * x;
    let r = S[1] + z * (S[2] + z * (S[3] + z * (S[4] + z * S[5])));
    if with_tail {
        x - ((z * (0.5 * y - v * r) - y) - v * S[0])
    } else {
        x + v * (S[0] + z * r)
    }
}

/// `__kernel_cos` on [-pi/4, pi/4]; `y` is the tail of `x`.
fn kernel_cos(x: f64, y: f64) -> f64 {
    const C: [f64; 6] = [
        4.166_666_666_666_660_190_37e-02,
        -1.388_888_888_887_410_957_49e-03,
        2.480_158_728_947_672_941_78e-05,
        -2.755_731_435_139_066_330_35e-07,
        2.087_572_321_298_174_827_90e-09,
        -1.135_964_755_778_819_482_65e-11,
    ];
    let ix = hi(x) & 0x7fff_ffff;
    if ix < 0x3e40_0000 && x as i32 == 0 {
        return 1.0;
    }
    let z = x * x;
    let r = z * (C[0] + z * (C[1] + z * (C[2] + z * (C[3] + z * (C[4] + z * C[5])))));
    if ix < 0x3FD3_3333 {
        return 1.0 - (0.5 * z - (z * r - x * y));
    }
    let qx = if ix > 0x3fe9_0000 {
        0.28125
    } else {
        from_words(ix - 0x0020_0000, 0)
    };
    let hz = 0.5 * z - qx;
    let a = 1.0 - qx;
    a - (hz - (z * r - x * y))
}

/// `__kernel_tan` on [-pi/4, pi/4]: tan(x + y) for `iy` = 1, -1 / tan(x + y) for `iy` = -1.
fn kernel_tan(x: f64, y: f64, iy: i32) -> f64 {
    const PIO4: f64 = std::f64::consts::FRAC_PI_4;
    const PIO4LO: f64 = 3.061_616_997_868_383_017_93e-17;
    const T: [f64; 13] = [
        3.333_333_333_333_340_919_86e-01,
        1.333_333_333_332_012_426_99e-01,
        5.396_825_397_622_605_213_77e-02,
        2.186_948_829_485_954_245_99e-02,
        8.863_239_823_599_300_057_37e-03,
        3.592_079_107_591_312_353_56e-03,
        1.456_209_454_325_290_255_16e-03,
        5.880_412_408_202_640_968_74e-04,
        2.464_631_348_184_699_068_12e-04,
        7.817_944_429_395_570_923_00e-05,
        7.140_724_913_826_081_903_05e-05,
        -1.855_863_748_552_754_566_54e-05,
        2.590_730_518_636_337_128_84e-05,
    ];
    // -1 / w to full precision, from x + r = w.
    let minus_inverse = |w: f64, x: f64, r: f64| {
        let z = from_words(hi(w), 0);
        let v = r - (z - x);
        let a = -1.0 / w;
        let t = from_words(hi(a), 0);
        let s = 1.0 + t * z;
        t + a * (s + t * v)
    };
    let (mut x, mut y) = (x, y);
    let hx = hi(x);
    let ix = hx & 0x7fff_ffff;
    if ix < 0x3e30_0000 && x as i32 == 0 {
        if ((ix as u32 | lo(x)) | (iy + 1) as u32) == 0 {
            return 1.0 / x.abs();
        }
        return if iy == 1 {
            x
        } else {
            minus_inverse(x + y, x, y)
        };
    }
    let big = ix >= 0x3FE5_9428;
    if big {
        if hx < 0 {
            x = -x;
            y = -y;
        }
        let z = PIO4 - x;
        let w = PIO4LO - y;
        x = z + w;
        y = 0.0;
    }
    let z = x * x;
    let w = z * z;
    let r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
    let v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
    let s = z * x;
    let mut r = y + z * (s * (r + v) + y);
    r += T[0] * s;
    let w = x + r;
    if big {
        let v = f64::from(iy);
        return f64::from(1 - ((hx >> 30) & 2)) * (v - 2.0 * (x - (w * w / (w + v) - r)));
    }
    if iy == 1 {
        w
    } else {
        minus_inverse(w, x, r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bits of Java's `StrictMath.log(|x|)`, `StrictMath.sin(x)` and `StrictMath.tan(x)`.
    const JAVA: [(f64, u64, u64, u64); 11] = [
        (
            0.5,
            0xbfe62e42fefa39ef,
            0x3fdeaee8744b05f0,
            0x3fe17b4f5bf3474a,
        ),
        (
            2.5,
            0x3fed5240f0e0e078,
            0x3fe326af0dcfcab0,
            0xbfe7e79b4e00bb15,
        ),
        (
            -3.7,
            0x3ff4eeee650ae550,
            0x3fe0f46aec2e1b41,
            0xbfe3fdd037da3554,
        ),
        (
            1.0e-7,
            0xc0301e3b843eaa73,
            0x3e7ad7f29abcaf3b,
            0x3e7ad7f29abcaf61,
        ),
        (
            std::f64::consts::FRAC_PI_4,
            0xbfceeb95b094c193,
            0x3fe6a09e667f3bcc,
            0x3fefffffffffffff,
        ),
        (
            2.356194490192345,
            0x3feb6cef8934d5b0,
            0x3fe6a09e667f3bcd,
            0xbff0000000000001,
        ),
        (
            823550.5,
            0x402b3e258a002c5b,
            0x3fe7bafec8647a9b,
            0x3ff1afb60fac0f15,
        ),
        (
            1.0e6,
            0x402ba18a998fffa0,
            0xbfd6664b2568d867,
            0xbfd7e9768ab734c0,
        ),
        (
            -2.5e6,
            0x402d76aea89e0da8,
            0xbfe8f1e2bdc125fe,
            0x3ff3e98bedb204e0,
        ),
        (
            1.0e22,
            0x40495414621954fe,
            0xbfeb453ab76bf397,
            0xbffa0f79c1b6b258,
        ),
        (
            3.0e300,
            0x40859efe3d35d637,
            0xbfd0f95d8b7703f3,
            0xbfd19ac31175255a,
        ),
    ];

    #[test]
    fn match_strict_math_bit_for_bit() {
        for (x, log_bits, sin_bits, tan_bits) in JAVA {
            assert_eq!(log(x.abs()).to_bits(), log_bits, "log({x})");
            assert_eq!(sin(x).to_bits(), sin_bits, "sin({x})");
            assert_eq!(tan(x).to_bits(), tan_bits, "tan({x})");
        }
    }

    #[test]
    fn special_values() {
        assert_eq!(log(1.0), 0.0);
        assert_eq!(log(0.0), f64::NEG_INFINITY);
        assert!(log(-1.0).is_nan() && sin(f64::INFINITY).is_nan() && tan(f64::NAN).is_nan());
        assert_eq!(sin(0.0), 0.0);
        assert_eq!(tan(-0.0).to_bits(), (-0.0f64).to_bits());
    }
}
