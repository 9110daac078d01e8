/** Tribuo adapters: snapshot rows as weighted Tribuo examples, the logistic and XGBoost trainers, batch scoring, and compiling a trained model to the fast scorer. */
package org.churnrisk.train.model;
