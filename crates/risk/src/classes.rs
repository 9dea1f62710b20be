//! Equivalence classes: the records that share their quasi-identifier (QI) values, or with a
//! person-id column the persons that share their set of QI tuples.

mod buckets;
mod grouping;

pub(crate) use buckets::Buckets;

use hashbrown::HashMap;
use serde::Serialize;
use table::Table;

use crate::Error;
use grouping::{group_codes, group_rows, Groups};

/// The position of the column called `name`, or [`Error::UnknownColumn`] listing the real names.
pub fn column_index(table: &Table, name: &str) -> Result<usize, Error> {
    let names = table.column_names();
    names
        .iter()
        .position(|&column| column == name)
        .ok_or_else(|| Error::UnknownColumn {
            name: name.to_owned(),
            available: names.iter().map(|&column| column.to_owned()).collect(),
        })
}

/// How many classes have a given size: one bar of the class-size histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClassSizeCount {
    /// The class size, in persons (records, without a person id).
    pub size: usize,
    /// How many classes have that size.
    pub classes: usize,
}

/// A table's records (or persons) grouped into equivalence classes over chosen QIs.
///
/// Without a person id every row is one person. With one, a person is all rows that share
/// the person id, and two persons are in the same class exactly when the sets of distinct
/// QI tuples of their rows are equal. Classes and persons are numbered from 0 in the order
/// of their first row, so the numbering is the same on every run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EquivalenceClasses {
    n_rows: usize,
    qi_columns: Vec<usize>,
    person_column: Option<usize>,
    class_of_person: Vec<u32>,
    person_of_row: Option<Vec<u32>>,
    class_sizes: Vec<u32>,
    first_row_of_class: Vec<u32>,
}

impl EquivalenceClasses {
    /// Groups `table` over the QI columns named in `qi`, per person when `person_id` names a
    /// person-id column.
    ///
    /// Fails with [`Error::NoQi`], [`Error::UnknownColumn`], [`Error::DuplicateQi`],
    /// [`Error::PersonIdIsQi`], [`Error::EmptyTable`] or [`Error::TooManyRows`].
    pub fn new<S: AsRef<str>>(
        table: &Table,
        qi: &[S],
        person_id: Option<&str>,
    ) -> Result<Self, Error> {
        if qi.is_empty() {
            return Err(Error::NoQi);
        }
        let mut qi_columns = Vec::with_capacity(qi.len());
        for name in qi {
            let column = column_index(table, name.as_ref())?;
            if qi_columns.contains(&column) {
                return Err(Error::DuplicateQi {
                    name: name.as_ref().to_owned(),
                });
            }
            qi_columns.push(column);
        }
        let person_column = person_id
            .map(|name| {
                let column = column_index(table, name)?;
                if qi_columns.contains(&column) {
                    return Err(Error::PersonIdIsQi {
                        name: name.to_owned(),
                    });
                }
                Ok(column)
            })
            .transpose()?;
        let n_rows = table.n_rows();
        if n_rows == 0 {
            return Err(Error::EmptyTable);
        }
        if u32::try_from(n_rows).is_err() {
            return Err(Error::TooManyRows { n_rows });
        }
        let columns = table.columns();
        let qi_codes: Vec<(&[u32], usize)> = qi_columns
            .iter()
            .map(|&column| (columns[column].codes(), columns[column].dictionary().len()))
            .collect();
        let tuples = group_rows(&qi_codes, n_rows);
        let classes = match person_column {
            None => Self::per_row(tuples),
            Some(column) => Self::per_person(
                tuples,
                group_codes(columns[column].codes(), columns[column].dictionary().len()),
            ),
        };
        Ok(Self {
            n_rows,
            qi_columns,
            person_column,
            ..classes
        })
    }

    /// Classes when every row is a person.
    fn per_row(tuples: Groups) -> Self {
        Self {
            n_rows: tuples.ids.len(),
            qi_columns: Vec::new(),
            person_column: None,
            class_sizes: tuples.sizes(),
            first_row_of_class: tuples.first_items(),
            class_of_person: tuples.ids,
            person_of_row: None,
        }
    }

    /// Classes of persons, keyed by the sorted set of their distinct QI tuples.
    fn per_person(tuples: Groups, persons: Groups) -> Self {
        let mut tuple_sets = Buckets::sorted(persons.n_groups, || {
            persons.ids.iter().copied().zip(tuples.ids.iter().copied())
        });
        tuple_sets.dedup();
        let first_row_of_person = persons.first_items();
        // A person with one tuple (the usual case) finds its class by that tuple alone.
        let mut class_of_tuple = vec![u32::MAX; tuples.n_groups];
        let mut class_of_set: HashMap<&[u32], u32> = HashMap::new();
        let mut first_row_of_class = Vec::new();
        let mut class_of_person = Vec::with_capacity(persons.n_groups);
        for (person, set) in tuple_sets.iter().enumerate() {
            let next = first_row_of_class.len() as u32;
            let class = match set {
                [tuple] => {
                    let slot = &mut class_of_tuple[*tuple as usize];
                    if *slot == u32::MAX {
                        *slot = next;
                    }
                    *slot
                }
                _ => *class_of_set.entry(set).or_insert(next),
            };
            if class == next {
                first_row_of_class.push(first_row_of_person[person]);
            }
            class_of_person.push(class);
        }
        let mut class_sizes = vec![0u32; first_row_of_class.len()];
        for &class in &class_of_person {
            class_sizes[class as usize] += 1;
        }
        Self {
            n_rows: tuples.ids.len(),
            qi_columns: Vec::new(),
            person_column: None,
            class_of_person,
            person_of_row: Some(persons.ids),
            class_sizes,
            first_row_of_class,
        }
    }

    /// The number of input rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// The number of persons: distinct person ids, or the rows without a person id.
    pub fn n_persons(&self) -> usize {
        self.class_of_person.len()
    }

    /// The number of equivalence classes.
    pub fn n_classes(&self) -> usize {
        self.class_sizes.len()
    }

    /// Whether the classes group persons by a person-id column rather than rows.
    pub fn has_person_id(&self) -> bool {
        self.person_of_row.is_some()
    }

    /// The QI columns' positions in the table, in the order given.
    pub fn qi_columns(&self) -> &[usize] {
        &self.qi_columns
    }

    /// The person-id column's position in the table, if there is one.
    pub fn person_column(&self) -> Option<usize> {
        self.person_column
    }

    /// The size of each class, in persons.
    pub fn class_sizes(&self) -> &[u32] {
        &self.class_sizes
    }

    /// The class of each person; without a person id, of each row.
    pub fn class_of_person(&self) -> &[u32] {
        &self.class_of_person
    }

    /// With a person id, the person of each row; `None` without one (each row is a person).
    pub fn person_of_row(&self) -> Option<&[u32]> {
        self.person_of_row.as_deref()
    }

    /// The class of row `row_idx` (counted from 0), or `None` past the end.
    pub fn class_of_row(&self, row_idx: usize) -> Option<u32> {
        let person = match &self.person_of_row {
            Some(person_of_row) => *person_of_row.get(row_idx)? as usize,
            None => row_idx,
        };
        self.class_of_person.get(person).copied()
    }

    /// The first row (counted from 0) of each class, a representative of its QI values.
    pub fn first_row_of_class(&self) -> &[u32] {
        &self.first_row_of_class
    }

    /// The smallest class size, in persons: the k for which the table is k-anonymous.
    pub fn k_min(&self) -> usize {
        self.class_sizes
            .iter()
            .min()
            .map_or(0, |&size| size as usize)
    }

    /// How many classes there are of each size, by ascending size.
    pub fn size_histogram(&self) -> Vec<ClassSizeCount> {
        let mut classes_of_size: HashMap<u32, usize> = HashMap::new();
        for &size in &self.class_sizes {
            *classes_of_size.entry(size).or_default() += 1;
        }
        let mut histogram: Vec<ClassSizeCount> = classes_of_size
            .into_iter()
            .map(|(size, classes)| ClassSizeCount {
                size: size as usize,
                classes,
            })
            .collect();
        histogram.sort_unstable_by_key(|bar| bar.size);
        histogram
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_table::table;

    fn sample() -> Table {
        table(
            &["id", "zip", "age"],
            &[
                &["p1", "02139", "30"],
                &["p2", "02139", "30"],
                &["p1", "02139", "30"],
                &["p3", "02140", "41"],
                &["p4", "02139", "30"],
                &["p4", "02140", "41"],
            ],
        )
    }

    #[test]
    fn rows_group_by_their_qi_values() -> Result<(), Error> {
        let classes = EquivalenceClasses::new(&sample(), &["zip", "age"], None)?;
        assert_eq!(classes.n_rows(), 6);
        assert_eq!(classes.n_persons(), 6);
        assert_eq!(classes.class_sizes(), [4, 2]);
        assert_eq!(classes.class_of_person(), [0, 0, 0, 1, 0, 1]);
        assert_eq!(classes.first_row_of_class(), [0, 3]);
        assert_eq!(classes.k_min(), 2);
        assert!(!classes.has_person_id());
        assert_eq!(classes.qi_columns(), [1, 2]);
        assert_eq!(classes.class_of_row(3), Some(1));
        assert_eq!(classes.class_of_row(6), None);
        Ok(())
    }

    #[test]
    fn persons_group_by_their_set_of_tuples() -> Result<(), Error> {
        let classes = EquivalenceClasses::new(&sample(), &["zip", "age"], Some("id"))?;
        assert_eq!(classes.n_rows(), 6);
        assert_eq!(classes.n_persons(), 4);
        // p1 and p2 have {(02139,30)}, p3 has {(02140,41)}, p4 has both tuples.
        assert_eq!(classes.class_of_person(), [0, 0, 1, 2]);
        assert_eq!(classes.class_sizes(), [2, 1, 1]);
        assert_eq!(classes.person_of_row(), Some(&[0, 1, 0, 2, 3, 3][..]));
        assert_eq!(classes.first_row_of_class(), [0, 3, 4]);
        assert_eq!(classes.class_of_row(5), Some(2));
        assert_eq!(classes.person_column(), Some(0));
        assert_eq!(
            classes.size_histogram(),
            [
                ClassSizeCount {
                    size: 1,
                    classes: 2
                },
                ClassSizeCount {
                    size: 2,
                    classes: 1
                }
            ]
        );
        Ok(())
    }

    #[test]
    fn bad_selections_are_specific_errors() {
        let sample = sample();
        assert_eq!(
            EquivalenceClasses::new(&sample, &[] as &[&str], None),
            Err(Error::NoQi)
        );
        assert_eq!(
            EquivalenceClasses::new(&sample, &["zip", "zip"], None),
            Err(Error::DuplicateQi {
                name: "zip".to_owned()
            })
        );
        assert_eq!(
            EquivalenceClasses::new(&sample, &["zip"], Some("zip")),
            Err(Error::PersonIdIsQi {
                name: "zip".to_owned()
            })
        );
        let empty = table(&["zip"], &[]);
        assert_eq!(
            EquivalenceClasses::new(&empty, &["zip"], None),
            Err(Error::EmptyTable)
        );
    }

    #[test]
    fn unknown_column_lists_the_real_names() {
        let error = column_index(&sample(), "ZIP").err();
        assert_eq!(
            error.as_ref().map(ToString::to_string).as_deref(),
            Some("no column 'ZIP'; the columns are: id, zip, age")
        );
    }
}
