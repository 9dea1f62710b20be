//! One bar-chart renderer behind the public charts: a header (title, legend), one x-axis
//! category per bucket, single or grouped bars, an optional threshold marker, and the
//! empty state. Everything is drawn with plotters' SVG backend into a `String`.

use std::ops::Range;

use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::text::{compact, thousands};
use crate::Error;

/// Smallest width the layout supports, in pixels.
pub(crate) const MIN_WIDTH: u32 = 240;
/// Smallest height the layout supports, in pixels.
pub(crate) const MIN_HEIGHT: u32 = 160;
/// Largest width or height, in pixels.
pub(crate) const MAX_SIDE: u32 = 8192;

// The palette of ui/src/styles.css.
/// `--accent`: the bars.
pub(crate) const TEAL: RGBColor = RGBColor(0x0f, 0x4c, 0x5c);
/// `--danger`: records above the risk threshold, and the threshold itself.
pub(crate) const DANGER: RGBColor = RGBColor(0xa6, 0x1b, 0x1b);
/// A warm accent for "before" bars, distinct from teal in hue and lightness.
pub(crate) const AMBER: RGBColor = RGBColor(0xb7, 0x79, 0x1f);
/// `--text`.
const TEXT: RGBColor = RGBColor(0x1c, 0x25, 0x29);
/// `--muted`.
const MUTED: RGBColor = RGBColor(0x52, 0x61, 0x6a);
/// Horizontal grid lines.
const GRID: RGBColor = RGBColor(0xe3, 0xe8, 0xea);
/// `--border-strong`: the axes.
const AXIS: RGBColor = RGBColor(0xaa, 0xb6, 0xbc);

/// Generic family: the SVG names it, the viewer (or the app's CSS) picks the font.
const FONT: &str = "sans-serif";
/// Left edge of the header text.
const HEADER_X: i32 = 16;

/// One set of bars, one value per category.
pub(crate) struct Series {
    /// Name in the legend and the text description; empty for a single series.
    pub(crate) name: &'static str,
    /// Records per category.
    pub(crate) values: Vec<u64>,
    /// Fill per category.
    pub(crate) colours: Vec<RGBColor>,
}

/// An entry of the legend under the title.
pub(crate) enum LegendItem {
    /// A filled square: a bar colour.
    Swatch(RGBColor, String),
    /// A short vertical line: the threshold marker.
    Line(RGBColor, String),
}

/// Everything a bar chart shows.
pub(crate) struct BarChart {
    /// Visible title and the SVG `<title>`.
    pub(crate) title: &'static str,
    /// What the x axis means.
    pub(crate) x_desc: &'static str,
    /// Category labels, left to right.
    pub(crate) categories: Vec<String>,
    /// One series for plain bars, more for grouped bars.
    pub(crate) series: Vec<Series>,
    /// Legend entries; none hides the legend row.
    pub(crate) legend: Vec<LegendItem>,
    /// A vertical line on the boundary before category `.0` (`categories.len()`: the right edge).
    pub(crate) marker: Option<(usize, RGBColor)>,
    /// Write each bar's value above it.
    pub(crate) value_labels: bool,
    /// Appended to the SVG `<desc>`.
    pub(crate) note: Option<String>,
}

/// Fails unless the size is one the layout supports.
pub(crate) fn check_size(width: u32, height: u32) -> Result<(), Error> {
    if (MIN_WIDTH..=MAX_SIDE).contains(&width) && (MIN_HEIGHT..=MAX_SIDE).contains(&height) {
        Ok(())
    } else {
        Err(Error::Size {
            width,
            height,
            min_width: MIN_WIDTH,
            min_height: MIN_HEIGHT,
            max: MAX_SIDE,
        })
    }
}

/// A text style of `px` CSS pixels (plotters writes `size / 1.24` as the SVG font size).
fn font(px: f64, colour: RGBColor) -> TextStyle<'static> {
    (FONT, px * 1.24).into_font().color(&colour)
}

/// The x axis: one category per label, category `i` spanning `[i, i + 1)`, its label at
/// the centre, no light grid lines.
struct Categories<'a>(&'a [String]);

impl Ranged for Categories<'_> {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = f64::from(limit.1 - limit.0);
        limit.0 + (value / self.0.len() as f64 * span).round() as i32
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            return Vec::new();
        }
        (0..self.0.len()).map(|i| i as f64 + 0.5).collect()
    }

    fn range(&self) -> Range<f64> {
        0.0..self.0.len() as f64
    }
}

impl ValueFormatter<f64> for Categories<'_> {
    fn format(_value: &f64) -> String {
        String::new()
    }

    fn format_ext(&self, value: &f64) -> String {
        let i = value.floor().max(0.0) as usize;
        self.0.get(i).cloned().unwrap_or_default()
    }
}

/// Draws `chart`, or the empty state when it holds no records.
pub(crate) fn render(chart: &BarChart, width: u32, height: u32) -> Result<String, Error> {
    check_size(width, height)?;
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0);
    if max == 0 {
        return render_empty(chart.title, width, height);
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let header_height = if chart.legend.is_empty() { 40 } else { 64 };
        let (header, body) = root.split_vertically(header_height);
        draw_header(&header, chart.title, &chart.legend)?;
        draw_bars(&body, chart, max)?;
        root.present()?;
    }
    Ok(finish(svg, chart.title, &describe(chart)))
}

/// The chart of no records: the title and "No records".
pub(crate) fn render_empty(title: &str, width: u32, height: u32) -> Result<String, Error> {
    check_size(width, height)?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE)?;
        let (header, body) = root.split_vertically(40);
        draw_header(&header, title, &[])?;
        let (w, h) = body.dim_in_pixel();
        let centre = (w as i32 / 2, h as i32 / 2);
        let style = font(16.0, MUTED).pos(Pos::new(HPos::Center, VPos::Center));
        body.draw(&Text::new("No records", centre, style))?;
        root.present()?;
    }
    Ok(finish(svg, title, "No records."))
}

fn draw_header(
    area: &DrawingArea<SVGBackend, Shift>,
    title: &str,
    legend: &[LegendItem],
) -> Result<(), Error> {
    let title_style = (FONT, 16.0 * 1.24, FontStyle::Bold)
        .into_font()
        .color(&TEXT);
    area.draw(&Text::new(
        title,
        (HEADER_X, 14),
        title_style.pos(Pos::new(HPos::Left, VPos::Top)),
    ))?;
    let label_style = font(12.0, TEXT).pos(Pos::new(HPos::Left, VPos::Center));
    let (mut x, y) = (HEADER_X, 46);
    for item in legend {
        let label = match item {
            LegendItem::Swatch(colour, label) => {
                area.draw(&Rectangle::new(
                    [(x, y - 6), (x + 12, y + 6)],
                    colour.filled(),
                ))?;
                label
            }
            LegendItem::Line(colour, label) => {
                area.draw(&PathElement::new(
                    vec![(x + 6, y - 7), (x + 6, y + 7)],
                    colour.stroke_width(2),
                ))?;
                label
            }
        };
        area.draw(&Text::new(label.as_str(), (x + 18, y), label_style.clone()))?;
        // No font metrics: allow 0.6 em per character, wide enough for DejaVu Sans.
        x += 18 + (label.chars().count() as f64 * 7.2).round() as i32 + 22;
    }
    Ok(())
}

fn draw_bars(
    area: &DrawingArea<SVGBackend, Shift>,
    chart: &BarChart,
    max: u64,
) -> Result<(), Error> {
    let n = chart.categories.len();
    // Room above the tallest bar for its value label.
    let y_max = max.saturating_add(max / 8).saturating_add(1);
    let y_label_chars = thousands(y_max).chars().count() as u32;
    let mut builder = ChartBuilder::on(area);
    builder
        .margin_top(8)
        .margin_right(20)
        .margin_bottom(8)
        .margin_left(8)
        .x_label_area_size(48)
        .y_label_area_size(40 + y_label_chars * 7);
    let mut ctx = builder.build_cartesian_2d(Categories(&chart.categories), 0u64..y_max)?;

    let y_label = |v: &u64| thousands(*v);
    ctx.configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS)
        .x_labels(n)
        .y_labels(5)
        .y_label_formatter(&y_label)
        .label_style(font(12.0, TEXT))
        .axis_desc_style(font(12.0, MUTED))
        .x_desc(chart.x_desc)
        .y_desc("Records")
        .draw()?;

    let groups = chart.series.len().max(1) as f64;
    let inner = if groups > 1.0 { 0.76 } else { 0.7 };
    let bar = inner / groups;
    let plot = ctx.plotting_area();
    // Exact value labels unless they would not fit over their column.
    let column_px = f64::from(plot.dim_in_pixel().0) / n.max(1) as f64;
    let fits = |text: &str| text.chars().count() as f64 * 6.6 + 6.0 <= column_px;
    for (s, series) in chart.series.iter().enumerate() {
        for (i, (&value, colour)) in series.values.iter().zip(&series.colours).enumerate() {
            if value == 0 {
                continue;
            }
            let x0 = i as f64 + (1.0 - inner) / 2.0 + s as f64 * bar;
            plot.draw(&Rectangle::new(
                [(x0, 0), (x0 + bar, value)],
                colour.filled(),
            ))?;
            if chart.value_labels {
                let style = font(11.0, MUTED).pos(Pos::new(HPos::Center, VPos::Bottom));
                let exact = thousands(value);
                let text = if fits(&exact) { exact } else { compact(value) };
                let label =
                    EmptyElement::at((x0 + bar / 2.0, value)) + Text::new(text, (0, -3), style);
                plot.draw(&label)?;
            }
        }
    }
    if let Some((boundary, colour)) = chart.marker {
        let x = boundary as f64;
        plot.draw(&PathElement::new(
            vec![(x, 0), (x, y_max)],
            colour.stroke_width(2),
        ))?;
    }
    Ok(())
}

/// A plain-text account of the bars, for the SVG `<desc>`.
fn describe(chart: &BarChart) -> String {
    let mut parts = Vec::new();
    for (i, category) in chart.categories.iter().enumerate() {
        let values: Vec<u64> = chart
            .series
            .iter()
            .map(|s| s.values.get(i).copied().unwrap_or(0))
            .collect();
        if values.iter().all(|&v| v == 0) {
            continue;
        }
        let text = if chart.series.len() == 1 {
            format!("{category}: {} records", thousands(values[0]))
        } else {
            let each: Vec<String> = chart
                .series
                .iter()
                .zip(&values)
                .map(|(s, &v)| format!("{} {}", s.name, thousands(v)))
                .collect();
            format!("{category}: {} records", each.join(", "))
        };
        parts.push(text);
    }
    let mut desc = format!("{}.", parts.join("; "));
    if let Some(note) = &chart.note {
        desc.push(' ');
        desc.push_str(note);
    }
    desc
}

/// Adds `role="img"`, `<title>` and `<desc>` to the document plotters wrote, and drops the
/// trailing newline so that it ends with `</svg>`.
fn finish(svg: String, title: &str, desc: &str) -> String {
    let mut out = String::with_capacity(svg.len() + title.len() + desc.len() + 64);
    // plotters opens the document with `<svg width=… xmlns="http://www.w3.org/2000/svg">\n`.
    let (open, rest) = match svg.find(">\n") {
        Some(end) => (&svg[..end], &svg[end + 2..]),
        None => (svg.as_str(), ""),
    };
    out.push_str(open);
    out.push_str(" role=\"img\">\n<title>");
    push_escaped(&mut out, title);
    out.push_str("</title>\n<desc>");
    push_escaped(&mut out, desc);
    out.push_str("</desc>\n");
    out.push_str(rest);
    out.truncate(out.trim_end().len());
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}
