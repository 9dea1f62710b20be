//! fdlibm's argument reduction for `StrictMath.sin` and `StrictMath.tan`
//! (`__ieee754_rem_pio2` and `__kernel_rem_pio2`): x - n pi/2 as a head and a tail, exact to
//! the bit for every finite x. Translated from fdlibm, whose notice follows.
//!
//! Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//! Developed at SunPro, a Sun Microsystems, Inc. business. Permission to use, copy, modify,
//! and distribute this software is freely granted, provided that this notice is preserved.

// The constants keep the decimal digits of the sources they are checked against.
#![allow(clippy::excessive_precision)]

use super::fdlibm::{from_words, hi, lo};

/// 2^24.
const TWO24: f64 = 16_777_216.0;
/// 2^-24.
const TWON24: f64 = 5.960_464_477_539_062_5e-08;

/// 2/pi in 24-bit chunks.
const TWO_OVER_PI: [i32; 66] = [
    0xA2F983, 0x6E4E44, 0x1529FC, 0x2757D1, 0xF534DD, 0xC0DB62, 0x95993C, 0x439041, 0xFE5163,
    0xABDEBB, 0xC561B7, 0x246E3A, 0x424DD2, 0xE00649, 0x2EEA09, 0xD1921C, 0xFE1DEB, 0x1CB129,
    0xA73EE8, 0x8235F5, 0x2EBB44, 0x84E99C, 0x7026B4, 0x5F7E41, 0x3991D6, 0x398353, 0x39F49C,
    0x845F8B, 0xBDF928, 0x3B1FF8, 0x97FFDE, 0x05980F, 0xEF2F11, 0x8B5A0A, 0x6D1F6D, 0x367ECF,
    0x27CB09, 0xB74F46, 0x3F669E, 0x5FEA2D, 0x7527BA, 0xC7EBE5, 0xF17B3D, 0x0739F7, 0x8A5292,
    0xEA6BFB, 0x5FB11F, 0x8D5D08, 0x560330, 0x46FC7B, 0x6BABF0, 0xCFBC20, 0x9AF436, 0x1DA9E3,
    0x91615E, 0xE61B08, 0x659985, 0x5F14A0, 0x68408D, 0xFFD880, 0x4D7327, 0x310606, 0x1556CA,
    0x73A8C9, 0x60E27B, 0xC08C6B,
];

/// x * 2^n, exactly (n stays well inside the normal range here).
fn scalb(x: f64, n: i32) -> f64 {
    x * f64::from_bits(((1023 + n) as u64) << 52)
}

/// `__ieee754_rem_pio2` for finite x: `(n, y0, y1)` with x - n pi/2 = y0 + y1, |y0| <= pi/4.
pub(super) fn rem_pio2(x: f64) -> (i32, f64, f64) {
    const INVPIO2: f64 = std::f64::consts::FRAC_2_PI;
    const PIO2_1: f64 = 1.570_796_326_734_125_614_17e+00;
    const PIO2_1T: f64 = 6.077_100_506_506_192_249_32e-11;
    const PIO2_2: f64 = 6.077_100_506_303_965_976_60e-11;
    const PIO2_2T: f64 = 2.022_266_248_795_950_631_54e-21;
    const PIO2_3: f64 = 2.022_266_248_711_166_455_80e-21;
    const PIO2_3T: f64 = 8.478_427_660_368_899_569_97e-32;
    const NPIO2_HW: [i32; 32] = [
        0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB,
        0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB,
        0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C,
        0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB,
        0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB,
    ];
    let hx = hi(x);
    let ix = hx & 0x7fff_ffff;
    if ix <= 0x3fe9_21fb {
        return (0, x, 0.0);
    }
    let negate = |(n, y0, y1): (i32, f64, f64)| if hx < 0 { (-n, -y0, -y1) } else { (n, y0, y1) };
    if ix < 0x4002_d97c {
        // |x| < 3pi/4: n = +-1; x - (+-pi/2) with 33+53 or 33+33+53 bits of pi.
        let sign = if hx > 0 { 1.0 } else { -1.0 };
        let mut z = x - sign * PIO2_1;
        let tail = if ix != 0x3ff9_21fb {
            PIO2_1T
        } else {
            z -= sign * PIO2_2;
            PIO2_2T
        };
        let y0 = z - sign * tail;
        return (if hx > 0 { 1 } else { -1 }, y0, (z - y0) - sign * tail);
    }
    if ix <= 0x4139_21fb {
        // |x| <= 2^19 pi/2: medium size.
        let t = x.abs();
        let n = (t * INVPIO2 + 0.5) as i32;
        let fn_ = f64::from(n);
        let mut r = t - fn_ * PIO2_1;
        let mut w = fn_ * PIO2_1T;
        let mut y0 = r - w;
        if !(n < 32 && ix != NPIO2_HW[(n - 1) as usize]) {
            let j = ix >> 20;
            let mut i = j - ((hi(y0) >> 20) & 0x7ff);
            if i > 16 {
                let t = r;
                w = fn_ * PIO2_2;
                r = t - w;
                w = fn_ * PIO2_2T - ((t - r) - w);
                y0 = r - w;
                i = j - ((hi(y0) >> 20) & 0x7ff);
                if i > 49 {
                    let t = r;
                    w = fn_ * PIO2_3;
                    r = t - w;
                    w = fn_ * PIO2_3T - ((t - r) - w);
                    y0 = r - w;
                }
            }
        }
        return negate((n, y0, (r - y0) - w));
    }
    // Large |x|: split into three 24-bit chunks scaled by 2^e0.
    let e0 = (ix >> 20) - 1046;
    let mut z = from_words(ix - (e0 << 20), lo(x));
    let mut tx = [0.0; 3];
    for chunk in tx.iter_mut().take(2) {
        *chunk = f64::from(z as i32);
        z = (z - *chunk) * TWO24;
    }
    tx[2] = z;
    let mut nx = 3;
    while tx[nx - 1] == 0.0 {
        nx -= 1;
    }
    negate(kernel_rem_pio2(&tx[..nx], e0))
}

/// `__kernel_rem_pio2` with two-double precision (prec = 2): `(n mod 8, y0, y1)`.
fn kernel_rem_pio2(x: &[f64], e0: i32) -> (i32, f64, f64) {
    const PIO2: [f64; 8] = [
        1.570_796_251_296_997_070_31e+00,
        7.549_789_415_861_596_353_35e-08,
        5.390_302_529_957_764_765_54e-15,
        3.282_003_415_807_912_941_23e-22,
        1.270_655_753_080_676_073_49e-29,
        1.229_333_089_811_113_289_32e-36,
        2.733_700_538_164_645_596_24e-44,
        2.167_416_838_778_048_194_44e-51,
    ];
    const JK: usize = 4;
    let (mut iq, mut f, mut fq, mut q) = ([0i32; 20], [0f64; 20], [0f64; 20], [0f64; 20]);
    let jx = x.len() - 1;
    let jv = ((e0 - 3) / 24).max(0) as usize;
    let mut q0 = e0 - 24 * (jv as i32 + 1);
    let product = |f: &[f64; 20], i: usize| {
        let mut fw = 0.0;
        for (j, xj) in x.iter().enumerate() {
            fw += xj * f[jx + i - j];
        }
        fw
    };
    for (i, slot) in f.iter_mut().enumerate().take(jx + JK + 1) {
        let j = (jv + i) as isize - jx as isize;
        *slot = if j < 0 {
            0.0
        } else {
            f64::from(TWO_OVER_PI[j as usize])
        };
    }
    for (i, qi) in q.iter_mut().enumerate().take(JK + 1) {
        *qi = product(&f, i);
    }
    let mut jz = JK;
    let (mut z, mut n, mut ih);
    loop {
        // Distill q[] into iq[] reversingly.
        z = q[jz];
        for (i, j) in (1..=jz).rev().enumerate() {
            let fw = f64::from((TWON24 * z) as i32);
            iq[i] = (z - TWO24 * fw) as i32;
            z = q[j - 1] + fw;
        }
        z = scalb(z, q0);
        z -= 8.0 * (z * 0.125).floor();
        n = z as i32;
        z -= f64::from(n);
        ih = 0;
        if q0 > 0 {
            let i = iq[jz - 1] >> (24 - q0);
            n += i;
            iq[jz - 1] -= i << (24 - q0);
            ih = iq[jz - 1] >> (23 - q0);
        } else if q0 == 0 {
            ih = iq[jz - 1] >> 23;
        } else if z >= 0.5 {
            ih = 2;
        }
        if ih > 0 {
            n += 1;
            let mut carry = false;
            for chunk in iq.iter_mut().take(jz) {
                let j = *chunk;
                if !carry {
                    if j != 0 {
                        carry = true;
                        *chunk = 0x100_0000 - j;
                    }
                } else {
                    *chunk = 0xff_ffff - j;
                }
            }
            match q0 {
                1 => iq[jz - 1] &= 0x7f_ffff,
                2 => iq[jz - 1] &= 0x3f_ffff,
                _ => {}
            }
            if ih == 2 {
                z = 1.0 - z;
                if carry {
                    z -= scalb(1.0, q0);
                }
            }
        }
        if z == 0.0 && iq[JK..jz].iter().fold(0, |acc, &v| acc | v) == 0 {
            // Recompute with more terms of 2/pi.
            let mut k = 1;
            while iq[JK - k] == 0 {
                k += 1;
            }
            for i in jz + 1..=jz + k {
                f[jx + i] = f64::from(TWO_OVER_PI[jv + i]);
                q[i] = product(&f, i);
            }
            jz += k;
            continue;
        }
        break;
    }
    if z == 0.0 {
        jz -= 1;
        q0 -= 24;
        while iq[jz] == 0 {
            jz -= 1;
            q0 -= 24;
        }
    } else {
        z = scalb(z, -q0);
        if z >= TWO24 {
            let fw = f64::from((TWON24 * z) as i32);
            iq[jz] = (z - TWO24 * fw) as i32;
            jz += 1;
            q0 += 24;
            iq[jz] = fw as i32;
        } else {
            iq[jz] = z as i32;
        }
    }
    let mut fw = scalb(1.0, q0);
    for i in (0..=jz).rev() {
        q[i] = fw * f64::from(iq[i]);
        fw *= TWON24;
    }
    for i in (0..=jz).rev() {
        let mut fw = 0.0;
        let mut k = 0;
        while k <= JK && k <= jz - i {
            fw += PIO2[k] * q[i + k];
            k += 1;
        }
        fq[jz - i] = fw;
    }
    let mut fw = 0.0;
    for i in (0..=jz).rev() {
        fw += fq[i];
    }
    let y0 = if ih == 0 { fw } else { -fw };
    fw = fq[0] - fw;
    for item in fq.iter().take(jz + 1).skip(1) {
        fw += item;
    }
    let y1 = if ih == 0 { fw } else { -fw };
    (n & 7, y0, y1)
}
